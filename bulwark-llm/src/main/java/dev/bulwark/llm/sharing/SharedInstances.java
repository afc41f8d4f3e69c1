package dev.bulwark.llm.sharing;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Expensive instances (a loaded model) shared by key within the process and counted by their users: opened by the
 * first {@link #acquire}, closed when the last lease is closed. The in-process GGUF backends and the embedded
 * classifiers are shared this way.
 */
public final class SharedInstances<K, V> {
  private final Map<K, Entry<V>> entries = new HashMap<>();
  private final Consumer<V> close;

  /** @param close how an instance is closed once nobody uses it */
  public SharedInstances(Consumer<V> close) {
    this.close = Objects.requireNonNull(close, "close");
  }

  private static final class Entry<V> {
    final V value;
    int users;

    Entry(V value) {
      this.value = value;
    }
  }

  /** A lease on the instance of {@code key}, opened with {@code open} when nobody holds one (its exceptions pass). */
  public Lease acquire(K key, Function<K, V> open) {
    synchronized (entries) {
      Entry<V> e = entries.get(key);
      if (e == null) {
        e = new Entry<>(open.apply(key));
        entries.put(key, e);
      }
      e.users++;
      return new Lease(key, e);
    }
  }

  /** One user's share; closing it twice is harmless. */
  public final class Lease implements AutoCloseable {
    private final K key;
    private final Entry<V> entry;
    private boolean closed;

    private Lease(K key, Entry<V> entry) {
      this.key = key;
      this.entry = entry;
    }

    public V get() {
      return entry.value;
    }

    @Override
    public void close() {
      synchronized (entries) {
        if (closed) {
          return;
        }
        closed = true;
        if (--entry.users == 0) {
          entries.remove(key);
          close.accept(entry.value);
        }
      }
    }
  }
}
