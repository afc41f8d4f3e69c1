package dev.bulwark.server.metrics;

import java.util.function.DoubleSupplier;

/** A gauge without labels whose value is read when the metrics are scraped. */
final class Gauge implements Metric {
  private final String name;
  private final String help;
  private final DoubleSupplier value;

  Gauge(String name, String help, DoubleSupplier value) {
    this.name = name;
    this.help = help;
    this.value = value;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String help() {
    return help;
  }

  @Override
  public String type() {
    return "gauge";
  }

  @Override
  public void writeSamples(StringBuilder out) {
    out.append(name).append(' ').append(Metric.number(value.getAsDouble())).append('\n');
  }
}
