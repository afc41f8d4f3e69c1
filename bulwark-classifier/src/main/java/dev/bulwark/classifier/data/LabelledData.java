package dev.bulwark.classifier.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes labelled JSONL files; a bad line is an error naming the file and line. */
public final class LabelledData {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LabelledData() {}

  /** Labels a row may carry: Prompt Guard's and Llama Guard's. */
  public static final java.util.Set<String> LABELS = java.util.Set.of(LabelledText.BENIGN, LabelledText.INJECTION, LabelledText.JAILBREAK,
      "safe", "unsafe");

  /** Reads {@code file}, stopping at the first bad row with its file and line. */
  public static List<LabelledText> read(Path file) {
    return read(file, BadRows.failFast());
  }

  /**
   * Reads {@code file}. A bad row — not UTF-8, not JSON, no string {@code text}, an empty text, a missing or unknown
   * label, an id seen before in the file, a line over {@link JsonlLines#DEFAULT_MAX_LINE_BYTES} — goes to {@code bad},
   * which stops or skips it.
   */
  public static List<LabelledText> read(Path file, BadRows bad) {
    List<LabelledText> out = new ArrayList<>();
    java.util.Set<String> ids = new java.util.HashSet<>();
    JsonlLines.forEach(file, JsonlLines.DEFAULT_MAX_LINE_BYTES, line -> {
      String where = file + ":" + line.number();
      if (line.error() != null) {
        bad.report(where, line.error());
        return;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line.text());
      } catch (IOException e) {
        bad.report(where, "not valid JSON: " + e.getMessage().split("\n")[0]);
        return;
      }
      if (node == null || !node.isObject() || !node.path("text").isTextual()) {
        bad.report(where, "expected an object with a string \"text\"");
        return;
      }
      if (node.get("text").asText().isBlank()) {
        bad.report(where, "empty \"text\"");
        return;
      }
      String label = node.path("label").isTextual() ? node.path("label").asText().toLowerCase(java.util.Locale.ROOT) : null;
      if (label == null) {
        bad.report(where, "missing \"label\" (benign, injection, jailbreak, or safe/unsafe)");
        return;
      }
      if (!LABELS.contains(label)) {
        bad.report(where, "unknown label \"" + node.path("label").asText() + "\" (expected one of benign, injection, jailbreak, safe, unsafe)");
        return;
      }
      String id = node.path("id").isValueNode() && !node.path("id").asText().isEmpty() ? node.path("id").asText() : "line-" + line.number();
      if (!ids.add(id)) {
        bad.report(where, "duplicate id \"" + id + "\"");
        return;
      }
      List<String> evidence = new ArrayList<>();
      node.path("evidence").forEach(e -> evidence.add(e.asText()));
      out.add(new LabelledText(id, node.get("text").asText(), label, node.path("category").asText(""),
          node.path("lang").asText(""), node.path("source").asText(""), node.path("role").asText(""), evidence));
    });
    return out;
  }

  public static void write(Path file, List<LabelledText> rows) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (LabelledText t : rows) {
        ObjectNode o = rowJson(t.id(), t.text(), t.label(), t.category(), t.lang(), t.source(), t.role());
        if (!t.evidence().isEmpty()) {
          var ev = o.putArray("evidence");
          t.evidence().forEach(ev::add);
        }
        w.write(JSON.writeValueAsString(o));
        w.write('\n');
      }
    }
  }

  /** The fields every labelled JSONL row has (the data sets' README format); callers add their own extras. */
  public static ObjectNode rowJson(String id, String text, String label, String category, String lang, String source,
      String role) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", id);
    o.put("text", text);
    o.put("label", label);
    o.put("category", category);
    o.put("lang", lang);
    o.put("source", source);
    o.put("role", role);
    return o;
  }
}
