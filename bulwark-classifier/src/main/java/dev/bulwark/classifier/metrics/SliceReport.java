package dev.bulwark.classifier.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Metrics over a set of scored examples and over slices of it (per language, category, source): AUC, recall at a
 * false-positive rate, and precision / recall / flag rate at a fixed threshold. A slice with only one class gets the
 * metrics that class supports (a benign-only slice still has its false-positive rate).
 */
public final class SliceReport {
  /** One row of a report. */
  public record Row(String slice, int positives, int negatives, double auc, double recallAtFpr,
      BinaryMetrics.AtThreshold atThreshold) {}

  private final double fpr;
  private final double threshold;

  public SliceReport(double fpr, double threshold) {
    this.fpr = fpr;
    this.threshold = threshold;
  }

  public Row overall(String name, List<ScoredExample> examples) {
    return row(name, examples);
  }

  /** One row per distinct value of {@code key}, sorted by value; values with fewer than {@code minSize} rows are skipped. */
  public List<Row> by(String name, List<ScoredExample> examples, Function<ScoredExample, String> key, int minSize) {
    Map<String, List<ScoredExample>> groups = new TreeMap<>();
    for (ScoredExample e : examples) {
      groups.computeIfAbsent(key.apply(e), k -> new ArrayList<>()).add(e);
    }
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, List<ScoredExample>> g : groups.entrySet()) {
      if (g.getValue().size() >= minSize) {
        rows.add(row(name + "=" + g.getKey(), g.getValue()));
      }
    }
    return rows;
  }

  /**
   * Metrics of {@code positiveFilter} positives against all negatives: "how well does the detector separate this kind
   * of attack from everything benign", the per-label view.
   */
  public Row positivesVsAllNegatives(String name, List<ScoredExample> examples, Predicate<ScoredExample> positiveFilter) {
    List<ScoredExample> subset = new ArrayList<>();
    for (ScoredExample e : examples) {
      if (!e.positive() || positiveFilter.test(e)) {
        subset.add(e);
      }
    }
    return row(name, subset);
  }

  private Row row(String name, List<ScoredExample> examples) {
    double[] pos = examples.stream().filter(ScoredExample::positive).mapToDouble(ScoredExample::score).toArray();
    double[] neg = examples.stream().filter(e -> !e.positive()).mapToDouble(ScoredExample::score).toArray();
    return new Row(name, pos.length, neg.length, BinaryMetrics.auc(pos, neg), BinaryMetrics.recallAtFpr(pos, neg, fpr),
        BinaryMetrics.atThreshold(pos, neg, threshold));
  }

  /** A fixed-width text table of rows. */
  public static String format(List<Row> rows, double fpr) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-44s %6s %6s %7s %9s %9s %7s %7s%n", "slice", "pos", "neg", "AUC",
        "R@" + trim(fpr * 100) + "%FPR", "precision", "recall", "FPR"));
    for (Row r : rows) {
      sb.append(String.format("%-44s %6d %6d %7s %9s %9s %7s %7s%n", r.slice(), r.positives(), r.negatives(), num(r.auc()),
          num(r.recallAtFpr()), num(r.atThreshold().precision()), num(r.atThreshold().recall()), num(r.atThreshold().fpr())));
    }
    return sb.toString();
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "-" : String.format("%.4f", v);
  }
}
