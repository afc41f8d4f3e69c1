package dev.bulwark.llm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.classifier.metrics.ScoredExample;
import dev.bulwark.classifier.metrics.SliceReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Content-safety metrics as the dataset README asks for them: safe-vs-unsafe AUC, recall at 1% false-positive rate
 * (oracle threshold) and precision / recall / FPR at the operating threshold, on prompts with and without the weakly
 * labelled source, per hazard code, per language and per source; the flag rate on benign-but-alarming prompts as a
 * subgroup of its own; and assistant replies separately.
 *
 * <p>Scored examples carry the attributes {@code label}, {@code category}, {@code lang}, {@code source}, {@code role},
 * {@code codes} (the codes the detector named, comma-separated) and {@code over_refusal} ("true" for the subgroup).
 */
public final class SafetyReport {
  /** One titled table. */
  public record Section(String title, List<SliceReport.Row> rows) {}

  private static final double FPR = 0.01;

  private final double threshold;
  private final SliceReport slices;

  public SafetyReport(double threshold) {
    this.threshold = threshold;
    this.slices = new SliceReport(FPR, threshold);
  }

  public List<Section> sections(List<ScoredExample> all) {
    List<ScoredExample> prompts = filter(all, e -> !e.attribute("role").equals("assistant") && !SafetyData.generated(e.attribute("source")));
    List<ScoredExample> generated = filter(all, e -> !e.attribute("role").equals("assistant") && SafetyData.generated(e.attribute("source")));
    List<ScoredExample> replies = filter(all, e -> e.attribute("role").equals("assistant"));
    List<Section> out = new ArrayList<>();
    if (!prompts.isEmpty()) {
      List<ScoredExample> clean = filter(prompts, e -> !SafetyData.WEAK.contains(e.attribute("source")));
      List<SliceReport.Row> overall = new ArrayList<>();
      overall.add(slices.overall("prompts", prompts));
      overall.add(slices.overall("prompts without weak source (AILuminate)", clean));
      overall.add(slices.positivesVsAllNegatives("weak source (AILuminate) vs all safe", prompts,
          e -> SafetyData.WEAK.contains(e.attribute("source"))));
      out.add(new Section("Prompts (User turns)", overall));
      out.add(new Section("Per hazard code: its unsafe prompts vs all safe prompts", perCode(prompts)));
      out.add(new Section("Per hazard code, without the weak source", perCode(clean)));
      out.add(new Section("Per language", slices.by("lang", prompts, e -> e.attribute("lang"), 10)));
      out.add(new Section("Per source", slices.by("source", prompts, e -> e.attribute("source"), 1)));
      List<ScoredExample> over = filter(prompts, e -> e.attribute("over_refusal").equals("true"));
      if (!over.isEmpty()) {
        List<SliceReport.Row> rows = new ArrayList<>();
        rows.add(slices.overall("benign-but-alarming prompts", over));
        rows.addAll(slices.by("source", over, e -> e.attribute("source"), 1));
        rows.addAll(slices.by("lang", over, e -> e.attribute("lang"), 10));
        out.add(new Section("Over-refusal subgroup (all safe: FPR is the flag rate)", rows));
      }
    }
    if (!generated.isEmpty()) {
      List<SliceReport.Row> rows = new ArrayList<>();
      rows.add(slices.overall("generated prompts", generated));
      rows.addAll(slices.by("kind", generated, e -> e.positive() ? "harmful" : e.attribute("category"), 1));
      out.add(new Section("The project's generated prompts (hand-written goals x request templates)", rows));
    }
    if (!replies.isEmpty()) {
      List<SliceReport.Row> rows = new ArrayList<>();
      rows.add(slices.overall("assistant replies", replies));
      rows.addAll(slices.by("kind", replies, e -> kind(e), 1));
      rows.addAll(slices.by("source", replies, e -> e.attribute("source"), 1));
      out.add(new Section("Assistant replies (Agent turns, judged given the request)", rows));
    }
    return out;
  }

  /** Per code: that code's unsafe rows against every safe row. */
  private List<SliceReport.Row> perCode(List<ScoredExample> rows) {
    Map<Integer, String> codes = new TreeMap<>();
    for (ScoredExample e : rows) {
      String c = e.attribute("category");
      if (e.positive() && c.matches("S\\d{1,2}")) {
        codes.put(Integer.parseInt(c.substring(1)), c);
      }
    }
    List<SliceReport.Row> out = new ArrayList<>();
    for (String code : codes.values()) {
      out.add(slices.positivesVsAllNegatives(code, rows, e -> e.attribute("category").equals(code)));
    }
    out.add(slices.positivesVsAllNegatives("no mapped code", rows, e -> !e.attribute("category").matches("S\\d{1,2}")));
    return out;
  }

  /** Among flagged unsafe rows with a known code: how often the detector named that code. */
  public static Map<String, double[]> codeAgreement(List<ScoredExample> rows, double threshold) {
    Map<String, double[]> out = new TreeMap<>((a, b) -> Integer.compare(Integer.parseInt(a.substring(1)), Integer.parseInt(b.substring(1))));
    for (ScoredExample e : rows) {
      String c = e.attribute("category");
      if (!e.positive() || !c.matches("S\\d{1,2}") || e.score() < threshold) {
        continue;
      }
      double[] v = out.computeIfAbsent(c, k -> new double[2]);
      v[1]++;
      if (Arrays.asList(e.attribute("codes").split(",")).contains(c)) {
        v[0]++;
      }
    }
    return out;
  }

  private static String kind(ScoredExample e) {
    String c = e.attribute("category");
    return e.positive() ? "harmful compliance" : c.contains(":") ? c.substring(0, c.indexOf(':')) + (c.endsWith("alarming") ? " (alarming topic)" : "") : c;
  }

  public String format(List<ScoredExample> all) {
    StringBuilder sb = new StringBuilder();
    for (Section s : sections(all)) {
      sb.append("\n").append(s.title()).append('\n');
      sb.append(SliceReport.format(s.rows(), FPR));
    }
    Map<String, double[]> agree = codeAgreement(all, threshold);
    if (!agree.isEmpty()) {
      sb.append("\nHazard code named among the findings, for flagged unsafe rows with a known code\n");
      double hit = 0;
      double n = 0;
      for (Map.Entry<String, double[]> e : agree.entrySet()) {
        sb.append(String.format("%-6s %5.0f of %5.0f  %.4f%n", e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[0] / e.getValue()[1]));
        hit += e.getValue()[0];
        n += e.getValue()[1];
      }
      sb.append(String.format("%-6s %5.0f of %5.0f  %.4f%n", "all", hit, n, hit / n));
    }
    return sb.toString();
  }

  public ObjectNode json(List<ScoredExample> all) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("threshold", threshold);
    for (Section s : sections(all)) {
      ArrayNode rows = root.putArray(s.title());
      for (SliceReport.Row r : s.rows()) {
        ObjectNode o = rows.addObject();
        o.put("slice", r.slice()).put("positives", r.positives()).put("negatives", r.negatives());
        put(o, "auc", r.auc());
        put(o, "recall_at_1pct_fpr", r.recallAtFpr());
        put(o, "precision", r.atThreshold().precision());
        put(o, "recall", r.atThreshold().recall());
        put(o, "fpr", r.atThreshold().fpr());
      }
    }
    ObjectNode agree = root.putObject("code_named_when_flagged");
    codeAgreement(all, threshold).forEach((k, v) -> agree.put(k, v[0] / v[1]));
    return root;
  }

  private static void put(ObjectNode o, String k, double v) {
    if (Double.isNaN(v)) {
      o.putNull(k);
    } else {
      o.put(k, Math.round(v * 10000) / 10000.0);
    }
  }

  /** The attributes a report reads, for one labelled row and the codes the detector named. */
  public static Map<String, String> attributes(dev.bulwark.llm.LabelledTurn r, List<String> codes) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("label", r.label());
    m.put("category", r.category());
    m.put("lang", r.lang());
    m.put("source", r.source());
    m.put("role", r.role());
    m.put("codes", String.join(",", codes));
    m.put("over_refusal", String.valueOf(SafetyData.overRefusal(r)));
    return m;
  }

  private static List<ScoredExample> filter(List<ScoredExample> in, Predicate<ScoredExample> p) {
    return in.stream().filter(p).toList();
  }
}
