package dev.bulwark.llm.embedded;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One loaded embedded classifier per head and runtime settings, shared by everything in the process that asks for
 * it (the {@code llama-guard} scanner, {@code /v1/moderations}), so MiniLM and the head are loaded once. Each lease
 * gets its own thresholds and exclusions; the model is closed when the last lease is.
 */
public final class SharedClassifiers {
  private static final Map<Object, Entry> SHARED = new HashMap<>();

  private static final class Entry {
    final Object key;
    final EmbeddedSafetyClassifier model;
    int users;

    Entry(Object key, EmbeddedSafetyClassifier model) {
      this.key = key;
      this.model = model;
    }
  }

  /** A classifier view over a shared model; closing it releases the model. */
  public static final class Lease implements AutoCloseable {
    private final Entry entry;
    private final EmbeddedSafetyClassifier classifier;
    private boolean closed;

    private Lease(Entry entry, EmbeddedSafetyClassifier classifier) {
      this.entry = entry;
      this.classifier = classifier;
    }

    public EmbeddedSafetyClassifier classifier() {
      return classifier;
    }

    @Override
    public void close() {
      synchronized (SHARED) {
        if (closed) {
          return;
        }
        closed = true;
        if (--entry.users == 0) {
          SHARED.remove(entry.key);
          entry.model.close();
        }
      }
    }
  }

  private SharedClassifiers() {}

  /**
   * The classifier of {@code headFile} (null: the head shipped in the jar) with {@code options}.
   *
   * @throws dev.bulwark.classifier.ClassifierException when the head cannot be read
   */
  public static Lease acquire(Path headFile, EmbeddedSafetyClassifier.Options options) {
    Object key = List.of(headFile == null ? "shipped" : headFile.toAbsolutePath().normalize().toString(), options.modelKey());
    synchronized (SHARED) {
      Entry e = SHARED.get(key);
      if (e == null) {
        SafetyHead head = headFile == null ? SafetyHead.shipped() : SafetyHead.read(headFile);
        e = new Entry(key, new EmbeddedSafetyClassifier(head, options));
        SHARED.put(key, e);
      }
      e.users++;
      return new Lease(e, e.model.withOptions(options));
    }
  }

  /** Whether the jar carries a trained head (the embedded default can run). */
  public static boolean shippedHeadPresent() {
    return SharedClassifiers.class.getResource(SafetyHead.RESOURCE) != null;
  }
}
