package dev.bulwark.eval.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.eval.EvalException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CyberSecEval file: a JSON array of records (upstream's format) or JSON lines. Every element becomes a
 * {@link Record}; an element that is not an object is kept as an invalid record (so the rest is still scored).
 */
public final class Records {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Records() {}

  /** One record of the file, by position; {@code problem} is set when the element is not a JSON object. */
  public record Record(int index, ObjectNode fields, String problem) {}

  public static List<Record> read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readAllBytes();
      int first = firstNonSpace(bytes);
      if (first < 0) {
        throw new EvalException(file + ": the file is empty; expected a JSON array of records");
      }
      return bytes[first] == '[' ? array(file, bytes) : lines(file, bytes);
    } catch (NoSuchFileException e) {
      throw new EvalException(file + ": no such file");
    } catch (IOException e) {
      throw new EvalException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static List<Record> array(Path file, byte[] bytes) throws IOException {
    List<Record> out = new ArrayList<>();
    try (JsonParser p = JSON.createParser(bytes)) {
      p.nextToken();
      while (true) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
          break;
        }
        if (t == null) {
          throw new EvalException(file + ": the JSON array is not closed (truncated file?)");
        }
        JsonNode node = JSON.readTree(p);
        out.add(node instanceof ObjectNode o ? new Record(out.size(), o, null)
            : new Record(out.size(), JSON.createObjectNode(), "element " + (out.size() + 1) + " is " + kind(node) + ", not a JSON object"));
      }
    } catch (JsonProcessingException e) {
      throw new EvalException(file + ": not valid JSON at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
    }
    return out;
  }

  private static List<Record> lines(Path file, byte[] bytes) {
    List<Record> out = new ArrayList<>();
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    int lineNo = 0;
    int bad = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(line);
        out.add(node instanceof ObjectNode o ? new Record(out.size(), o, null)
            : new Record(out.size(), JSON.createObjectNode(), "line " + lineNo + " is " + kind(node) + ", not a JSON object"));
      } catch (JsonProcessingException e) {
        bad++;
        out.add(new Record(out.size(), JSON.createObjectNode(), "line " + lineNo + " is not valid JSON: " + e.getOriginalMessage()));
      }
    }
    if (!out.isEmpty() && bad == out.size()) {
      throw new EvalException(file + ": neither a JSON array nor JSON lines (line 1: " + out.get(0).problem() + ")");
    }
    return out;
  }

  /** The JSON type of a value with its article, for messages: "a string", "an object", "null". */
  static String kind(JsonNode node) {
    if (node == null || node.isNull()) {
      return "null";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static int firstNonSpace(byte[] b) {
    int i = 0;
    if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
      i = 3;
    }
    for (; i < b.length; i++) {
      if (!Character.isWhitespace(b[i])) {
        return i;
      }
    }
    return -1;
  }
}
