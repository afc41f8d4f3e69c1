package dev.bulwark.server.metrics;

import java.util.function.DoubleSupplier;

/** A gauge without labels whose value is read when the metrics are scraped. */
final class Gauge extends Metric {
  private final DoubleSupplier value;

  Gauge(String name, String help, DoubleSupplier value) {
    super(name, help, "gauge");
    this.value = value;
  }

  @Override
  void writeSamples(StringBuilder out) {
    out.append(name).append(' ').append(Metric.number(value.getAsDouble())).append('\n');
  }
}
