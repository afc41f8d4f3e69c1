package dev.bulwark.llm.embedded;

import dev.bulwark.llm.SafetyHead;
import dev.bulwark.llm.EmbeddedSafetyClassifier;
import dev.bulwark.llm.sharing.SharedInstances;
import java.nio.file.Path;
import java.util.List;

/**
 * One loaded embedded classifier per head and runtime settings, shared by everything in the process that asks for
 * it (the {@code llama-guard} scanner, {@code /v1/moderations}), so MiniLM and the head are loaded once. Each lease
 * gets its own thresholds and exclusions; the model is closed when the last lease is.
 */
public final class SharedClassifiers {
  private static final SharedInstances<Object, EmbeddedSafetyClassifier> SHARED =
      new SharedInstances<>(EmbeddedSafetyClassifier::close);

  /** A classifier view over a shared model; closing it releases the model. */
  public static final class Lease implements AutoCloseable {
    private final SharedInstances<Object, EmbeddedSafetyClassifier>.Lease model;
    private final EmbeddedSafetyClassifier classifier;

    private Lease(SharedInstances<Object, EmbeddedSafetyClassifier>.Lease model, EmbeddedSafetyClassifier classifier) {
      this.model = model;
      this.classifier = classifier;
    }

    public EmbeddedSafetyClassifier classifier() {
      return classifier;
    }

    @Override
    public void close() {
      model.close();
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
    var model = SHARED.acquire(key, k -> {
      SafetyHead head = headFile == null ? SafetyHead.shipped() : SafetyHead.read(headFile);
      return new EmbeddedSafetyClassifier(head, options);
    });
    return new Lease(model, model.get().withOptions(options));
  }

  /** Whether the jar carries a trained head (the embedded default can run). */
  public static boolean shippedHeadPresent() {
    return SharedClassifiers.class.getResource(SafetyHead.RESOURCE) != null;
  }
}
