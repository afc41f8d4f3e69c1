package dev.bulwark.promptguard;

import dev.bulwark.classifier.metrics.ScoredExample;
import dev.bulwark.classifier.metrics.SliceReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The text report of {@code eval prompt-guard} (and of training's out-of-fold scores): overall, per attack label,
 * per language, per category prefix and per source, with tool outputs (documents an agent's tools return) reported on
 * their own, and the false-positive rate of the hard-negative categories.
 */
public final class EvaluationReport {
  private EvaluationReport() {}

  /** True for documents a tool would return: role tool, the project's tool-output corpus, BIPIA documents. */
  public static boolean isToolOutput(ScoredExample e) {
    String c = e.attribute("category");
    return e.attribute("role").equals("tool") || c.startsWith("tool_output") || c.startsWith("indirect:bipia")
        || c.startsWith("bipia_clean");
  }

  public static String format(List<ScoredExample> examples, double threshold) {
    SliceReport r = new SliceReport(0.01, threshold);
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("threshold %.4f; R@1%%FPR uses the oracle threshold at the 99th percentile of the slice's benign scores%n", threshold));
    sb.append("(a slice with no benign rows is measured against all benign rows of its section)\n\n");
    List<ScoredExample> user = new ArrayList<>();
    List<ScoredExample> tool = new ArrayList<>();
    for (ScoredExample e : examples) {
      (isToolOutput(e) ? tool : user).add(e);
    }
    section(sb, "ALL", examples, r);
    if (!tool.isEmpty() && !user.isEmpty()) {
      section(sb, "PROMPTS (not tool outputs)", user, r);
      section(sb, "TOOL OUTPUTS", tool, r);
    }
    return sb.toString();
  }

  private static void section(StringBuilder sb, String title, List<ScoredExample> ex, SliceReport r) {
    sb.append("== ").append(title).append(" ==\n");
    List<SliceReport.Row> rows = new ArrayList<>();
    rows.add(r.overall("overall", ex));
    for (String label : List.of("injection", "jailbreak")) {
      if (ex.stream().anyMatch(e -> e.attribute("label").equals(label))) {
        rows.add(r.positivesVsAllNegatives("label=" + label + " vs benign", ex, e -> e.attribute("label").equals(label)));
      }
    }
    sb.append(SliceReport.format(rows, 0.01)).append('\n');
    sb.append(SliceReport.format(withAllNegatives(r, "lang", ex, e -> e.attribute("lang")), 0.01)).append('\n');
    sb.append(SliceReport.format(withAllNegatives(r, "category", ex, e -> prefix(e.attribute("category"))), 0.01)).append('\n');
    sb.append(SliceReport.format(withAllNegatives(r, "source", ex, e -> e.attribute("source")), 0.01)).append('\n');
  }

  /**
   * Per-slice rows; a slice's attacks are measured against the slice's own benign rows when it has at least 20,
   * else against all benign rows, so AUC and recall stay defined.
   */
  private static List<SliceReport.Row> withAllNegatives(SliceReport r, String name, List<ScoredExample> ex,
      java.util.function.Function<ScoredExample, String> key) {
    List<SliceReport.Row> out = new ArrayList<>();
    java.util.Map<String, List<ScoredExample>> groups = new java.util.TreeMap<>();
    for (ScoredExample e : ex) {
      groups.computeIfAbsent(key.apply(e), k -> new ArrayList<>()).add(e);
    }
    List<ScoredExample> negatives = ex.stream().filter(e -> !e.positive()).toList();
    for (var g : groups.entrySet()) {
      List<ScoredExample> rows = g.getValue();
      long neg = rows.stream().filter(e -> !e.positive()).count();
      long pos = rows.size() - neg;
      if (pos > 0 && neg < 20) {
        List<ScoredExample> withNeg = new ArrayList<>(rows.stream().filter(ScoredExample::positive).toList());
        withNeg.addAll(negatives);
        SliceReport.Row row = r.overall(name + "=" + g.getKey() + (neg == 0 ? " (vs all benign)" : " (+all benign)"), withNeg);
        out.add(row);
      } else {
        out.add(r.overall(name + "=" + g.getKey(), rows));
      }
    }
    return out;
  }

  private static String prefix(String category) {
    int c = category.indexOf(':');
    String p = c < 0 ? category : category.substring(0, c);
    if (p.equals("tool_output") || p.equals("tool_output_benign")) {
      // tool outputs: slice by disguise / benign type, the interesting part
      String[] parts = category.split(":");
      return p + ":" + parts[parts.length - 1];
    }
    return p;
  }
}
