package dev.bulwark.server.metrics;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/** A counter family: one monotonically increasing count per combination of label values. */
public final class Counter extends Metric {
  private final List<String> labelNames;
  private final ConcurrentMap<List<String>, LongAdder> children = new ConcurrentHashMap<>();

  Counter(String name, String help, List<String> labelNames) {
    super(name, help, "counter");
    this.labelNames = List.copyOf(labelNames);
  }

  /** Adds one for these label values (given in the order of the family's label names). */
  public void inc(String... labelValues) {
    add(1, labelValues);
  }

  public void add(long amount, String... labelValues) {
    if (labelValues.length != labelNames.size()) {
      throw new IllegalArgumentException(name + " takes labels " + labelNames);
    }
    children.computeIfAbsent(List.of(labelValues), k -> new LongAdder()).add(amount);
  }

  /** The current count for these label values (0 when never counted). */
  public long get(String... labelValues) {
    LongAdder a = children.get(List.of(labelValues));
    return a == null ? 0 : a.sum();
  }

  @Override
  void writeSamples(StringBuilder out) {
    children.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey(Metrics.LABEL_ORDER)).forEach(e -> {
      out.append(name);
      Metric.labels(out, labelNames, e.getKey(), null, null);
      out.append(' ').append(e.getValue().sum()).append('\n');
    });
  }
}
