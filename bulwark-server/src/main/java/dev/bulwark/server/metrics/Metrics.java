package dev.bulwark.server.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The server's metrics in the Prometheus text exposition format (version 0.0.4). Zero dependencies: counters and
 * histograms are lock-free adders, gauges are read at scrape time.
 */
public final class Metrics {
  static final Comparator<List<String>> LABEL_ORDER = (a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b));

  private final List<Metric> families = new ArrayList<>();

  public synchronized Counter counter(String name, String help, String... labelNames) {
    return register(new Counter(name, help, List.of(labelNames)));
  }

  public synchronized Histogram latency(String name, String help, String... labelNames) {
    return register(new Histogram(name, help, List.of(labelNames), Histogram.LATENCY_BUCKETS));
  }

  public synchronized void gauge(String name, String help, DoubleSupplier value) {
    register(new Gauge(name, help, value));
  }

  private <M extends Metric> M register(M metric) {
    for (Metric m : families) {
      if (m.name().equals(metric.name())) {
        throw new IllegalArgumentException("metric " + metric.name() + " is already registered");
      }
    }
    families.add(metric);
    return metric;
  }

  /** Every family, HELP and TYPE lines first, in registration order. */
  public synchronized String scrape() {
    StringBuilder out = new StringBuilder(8192);
    for (Metric m : families) {
      out.append("# HELP ").append(m.name()).append(' ').append(m.help().replace("\\", "\\\\").replace("\n", "\\n"))
          .append('\n');
      out.append("# TYPE ").append(m.name()).append(' ').append(m.type()).append('\n');
      m.writeSamples(out);
    }
    return out.toString();
  }
}
