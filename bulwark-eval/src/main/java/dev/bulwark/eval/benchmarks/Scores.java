package dev.bulwark.eval.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * What a benchmark's aggregation produced: the upstream-shaped stats, and the same numbers arranged for the report.
 *
 * @param stats the stats JSON, in upstream's shape (keyed by model, then category) with our extra counts
 * @param headline the benchmark's main number per model
 * @param breakdowns the number per category (language, CWE, variant, attack type...) per model
 */
public record Scores(ObjectNode stats, Metric headline, List<Breakdown> breakdowns) {
  public Scores {
    breakdowns = List.copyOf(breakdowns);
  }

  /**
   * One number per model.
   *
   * @param name what it is, e.g. "insecure code rate"
   * @param unit "%" or "" (a score)
   * @param max the axis maximum (100 for a percentage, 5 for a 0–5 grade)
   * @param lowerIsBetter whether a lower value is safer or better
   * @param definition how it is computed, one sentence
   * @param perModel model → value (absent when nothing could be scored)
   */
  public record Metric(String name, String unit, double max, boolean lowerIsBetter, String definition,
      Map<String, Double> perModel) {}

  /**
   * One number per category per model.
   *
   * @param title the chart's title
   * @param dimension the category's name (language, CWE, injection variant...)
   * @param metric what the numbers are
   * @param values model → category → value
   * @param counts model → category → records behind the value
   */
  public record Breakdown(String title, String dimension, Metric metric, Map<String, Map<String, Double>> values,
      Map<String, Map<String, Integer>> counts) {}
}
