package dev.bulwark.spark.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Keeps up to {@code size} scans of a partition in flight and hands results back in input order. Scanners that run
 * on the firewall's pool (the model scanners) then see many rows at once and micro-batch them; cheap rule scanners
 * complete on the calling thread, so for them this is a plain loop. Memory stays bounded by the window.
 */
public final class OrderedWindow<T, R> implements Iterator<R> {
  private final Iterator<T> input;
  private final Function<T, CompletableFuture<R>> scan;
  private final int size;
  private final ArrayDeque<CompletableFuture<R>> inFlight;

  public OrderedWindow(Iterator<T> input, Function<T, CompletableFuture<R>> scan, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("window size must be at least 1, was " + size);
    }
    this.input = input;
    this.scan = scan;
    this.size = size;
    this.inFlight = new ArrayDeque<>(size);
  }

  @Override
  public boolean hasNext() {
    fill();
    return !inFlight.isEmpty();
  }

  @Override
  public R next() {
    fill();
    if (inFlight.isEmpty()) {
      throw new NoSuchElementException();
    }
    return inFlight.poll().join();
  }

  /** These results passed through {@code f} one by one as they are taken, on the taking (task) thread, in order. */
  public <S> Iterator<S> map(Function<? super R, ? extends S> f) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return OrderedWindow.this.hasNext();
      }

      @Override
      public S next() {
        return f.apply(OrderedWindow.this.next());
      }
    };
  }

  private void fill() {
    while (inFlight.size() < size && input.hasNext()) {
      inFlight.add(scan.apply(input.next()));
    }
  }
}
