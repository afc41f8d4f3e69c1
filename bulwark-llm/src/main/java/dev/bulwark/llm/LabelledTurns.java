package dev.bulwark.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.llm.ChatMessage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import dev.bulwark.classifier.data.BadRows;
import dev.bulwark.classifier.data.JsonlLines;
import dev.bulwark.classifier.data.LabelledData;
import java.util.Locale;

/** Reads and writes labelled content-safety JSONL; a bad line is an error naming the file and line. */
public final class LabelledTurns {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LabelledTurns() {}

  /** Reads {@code file}, stopping at the first bad row with its file and line. */
  public static List<LabelledTurn> read(Path file) {
    return read(file, BadRows.failFast());
  }

  /**
   * Reads {@code file}. A bad row — not UTF-8, not JSON, no string {@code text}, an empty text, a label other than
   * safe/unsafe, a malformed context, an id seen before, a line over the size limit — goes to {@code bad}, which stops
   * or skips it.
   */
  public static List<LabelledTurn> read(Path file, BadRows bad) {
    List<LabelledTurn> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    JsonlLines.forEach(file, JsonlLines.DEFAULT_MAX_LINE_BYTES, line -> {
      String where = file + ":" + line.number();
      if (line.error() != null) {
        bad.report(where, line.error());
        return;
      }
      LabelledTurn t;
      try {
        t = parse(line.text(), where);
      } catch (IllegalArgumentException e) {
        bad.report(where, e.getMessage().substring(Math.min(e.getMessage().length(), where.length() + 2)));
        return;
      }
      if (t.text().isBlank()) {
        bad.report(where, "empty \"text\"");
      } else if (!ids.add(t.id())) {
        bad.report(where, "duplicate id \"" + t.id() + "\"");
      } else {
        out.add(t);
      }
    });
    return out;
  }

  static LabelledTurn parse(String line, String where) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (IOException e) {
      throw new IllegalArgumentException(where + ": not valid JSON: " + e.getMessage().split("\n")[0]);
    }
    if (node == null || !node.isObject() || !node.path("text").isTextual()) {
      throw new IllegalArgumentException(where + ": expected an object with a string \"text\"");
    }
    String label = node.path("label").asText("").toLowerCase(Locale.ROOT);
    if (!label.equals(LabelledTurn.SAFE) && !label.equals(LabelledTurn.UNSAFE)) {
      throw new IllegalArgumentException(where + ": \"label\" must be \"safe\" or \"unsafe\", found \"" + node.path("label").asText("") + "\"");
    }
    List<ChatMessage> context = new ArrayList<>();
    JsonNode ctx = node.path("context");
    if (ctx.isArray()) {
      int i = 0;
      for (JsonNode m : ctx) {
        if (!m.path("role").isTextual() || !m.path("content").isTextual()) {
          throw new IllegalArgumentException(where + ": context[" + i + "] must be {\"role\", \"content\"} with text content");
        }
        context.add(ChatMessage.of(m.get("role").asText().toLowerCase(Locale.ROOT), m.get("content").asText()));
        i++;
      }
    } else if (!ctx.isMissingNode() && !ctx.isNull()) {
      throw new IllegalArgumentException(where + ": \"context\" must be an array of {\"role\", \"content\"}");
    }
    String id = node.path("id").isValueNode() ? node.path("id").asText() : where;
    return new LabelledTurn(id, node.get("text").asText(), label, node.path("category").isTextual() ? node.path("category").asText() : "",
        node.path("lang").asText(""), node.path("source").asText(""), node.path("role").asText("user").toLowerCase(Locale.ROOT), context);
  }

  public static void write(Path file, List<LabelledTurn> rows) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (LabelledTurn t : rows) {
        w.write(JSON.writeValueAsString(toJson(t)));
        w.write('\n');
      }
    }
  }

  static ObjectNode toJson(LabelledTurn t) {
    ObjectNode o = LabelledData.rowJson(t.id(), t.text(), t.label(), t.category(), t.lang(), t.source(), t.role());
    if (!t.context().isEmpty()) {
      ArrayNode ctx = o.putArray("context");
      for (ChatMessage m : t.context()) {
        ctx.addObject().put("role", m.role()).put("content", m.text());
      }
    }
    return o;
  }
}
