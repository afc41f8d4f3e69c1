package dev.bulwark.codeshield;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One record of the insecure-code ground truth (see the dataset README): code, its language, the label and the
 * labelled findings.
 *
 * @param granularity {@code snippet} (the label is about the whole code) or {@code line} (only about
 *     {@code [line, lineEnd]})
 */
public record LabelledRecord(
    String id,
    String language,
    String code,
    boolean expectedInsecure,
    String granularity,
    Integer line,
    Integer lineEnd,
    List<LabelledFinding> findings) {

  /** A labelled finding: 1-based line and CWE (null when the source rule had none). */
  public record LabelledFinding(int line, String cwe) {}

  public boolean isLineLevel() {
    return "line".equals(granularity);
  }

  /**
   * @throws IllegalArgumentException naming the missing field
   */
  public static LabelledRecord fromJson(JsonNode n) {
    String id = text(n, "id");
    String code = text(n, "code");
    if (id == null || code == null) {
      throw new IllegalArgumentException("record needs \"id\" and \"code\"");
    }
    JsonNode exp = n.get("expected_insecure");
    if (exp == null || !exp.isBoolean()) {
      throw new IllegalArgumentException("record " + id + " needs \"expected_insecure\" (true or false)");
    }
    List<LabelledFinding> findings = new ArrayList<>();
    JsonNode fs = n.get("findings");
    if (fs != null && fs.isArray()) {
      for (JsonNode f : fs) {
        if (f.hasNonNull("line")) {
          findings.add(new LabelledFinding(f.get("line").asInt(), f.hasNonNull("cwe") ? f.get("cwe").asText() : null));
        }
      }
    }
    String granularity = text(n, "granularity");
    Integer line = n.hasNonNull("line") ? Integer.valueOf(n.get("line").asInt()) : null;
    Integer lineEnd = n.hasNonNull("line_end") ? Integer.valueOf(n.get("line_end").asInt()) : line;
    return new LabelledRecord(id, text(n, "language"), code, exp.asBoolean(), granularity == null ? "snippet" : granularity,
        line, lineEnd, List.copyOf(findings));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
