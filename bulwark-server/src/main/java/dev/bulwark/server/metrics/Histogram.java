package dev.bulwark.server.metrics;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A histogram family of durations in seconds, one set of cumulative buckets per combination of label values. */
public final class Histogram extends Metric {
  /** From half a millisecond (a rule scan) to ten seconds (an LLM judgement). */
  static final double[] LATENCY_BUCKETS = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final List<String> labelNames;
  private final double[] bounds;
  private final ConcurrentMap<List<String>, Child> children = new ConcurrentHashMap<>();

  Histogram(String name, String help, List<String> labelNames, double[] bounds) {
    super(name, help, "histogram");
    this.labelNames = List.copyOf(labelNames);
    this.bounds = bounds.clone();
  }

  /** Records one observation of {@code nanos} nanoseconds for these label values. */
  public void observeNanos(long nanos, String... labelValues) {
    if (labelValues.length != labelNames.size()) {
      throw new IllegalArgumentException(name + " takes labels " + labelNames);
    }
    children.computeIfAbsent(List.of(labelValues), k -> new Child(bounds.length)).observe(nanos / 1e9, bounds);
  }

  /** Observations so far for these label values. */
  public long count(String... labelValues) {
    Child c = children.get(List.of(labelValues));
    return c == null ? 0 : c.count.sum();
  }

  @Override
  void writeSamples(StringBuilder out) {
    children.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey(Metrics.LABEL_ORDER)).forEach(e -> {
      Child c = e.getValue();
      long cumulative = 0;
      for (int i = 0; i < bounds.length; i++) {
        cumulative += c.buckets[i].sum();
        out.append(name).append("_bucket");
        Metric.labels(out, labelNames, e.getKey(), "le", Metric.number(bounds[i]));
        out.append(' ').append(cumulative).append('\n');
      }
      // Read the count after the buckets so +Inf is never below a finite bucket during concurrent observations.
      long count = Math.max(cumulative, c.count.sum());
      out.append(name).append("_bucket");
      Metric.labels(out, labelNames, e.getKey(), "le", "+Inf");
      out.append(' ').append(count).append('\n');
      out.append(name).append("_sum");
      Metric.labels(out, labelNames, e.getKey(), null, null);
      out.append(' ').append(Metric.number(c.sum.sum())).append('\n');
      out.append(name).append("_count");
      Metric.labels(out, labelNames, e.getKey(), null, null);
      out.append(' ').append(count).append('\n');
    });
  }

  private static final class Child {
    final LongAdder[] buckets;
    final LongAdder count = new LongAdder();
    final DoubleAdder sum = new DoubleAdder();

    Child(int n) {
      buckets = new LongAdder[n];
      for (int i = 0; i < n; i++) {
        buckets[i] = new LongAdder();
      }
    }

    /** Non-cumulative buckets (one increment per observation); cumulated when written. */
    void observe(double seconds, double[] bounds) {
      for (int i = 0; i < bounds.length; i++) {
        if (seconds <= bounds[i]) {
          buckets[i].increment();
          break;
        }
      }
      sum.add(seconds);
      count.increment();
    }
  }
}
