package dev.bulwark.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a labelled JSONL file ({@code {"id", "text", "label"}}, optionally {@code source} and {@code group}) for
 * fine-tuning, strictly: every bad row (invalid UTF-8, not JSON, missing or unknown label, empty text, missing or
 * duplicate id) is reported with its line number, all of them at once, before any training starts. (The shared
 * {@code LabelledData} reader is lenient on purpose: it defaults ids and takes any label.)
 */
public final class TrainingRows {
  /** Prompt Guard's labels and Llama Guard's; the positive class is the attack or the unsafe text. */
  public static final Set<String> NEGATIVE = Set.of("benign", "safe");

  public static final Set<String> POSITIVE = Set.of("injection", "jailbreak", "unsafe");

  private static final int MAX_REPORTED = 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private TrainingRows() {}

  public static List<TrainingRow> read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("training file not found: " + file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
    List<TrainingRow> rows = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Map<String, Integer> firstLine = new HashMap<>();
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    int start = 0;
    int line = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      line++;
      String text;
      try {
        text = utf8.decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
      } catch (CharacterCodingException e) {
        text = null;
        errors.add(file + ":" + line + ": not valid UTF-8");
      }
      start = end + 1;
      if (text == null || text.isBlank()) {
        continue;
      }
      String error = parse(text, line, rows, firstLine);
      if (error != null) {
        errors.add(file + ":" + line + ": " + error);
      }
    }
    if (!errors.isEmpty()) {
      StringBuilder sb = new StringBuilder(errors.size() + " bad row(s) in " + file + ":");
      errors.stream().limit(MAX_REPORTED).forEach(e -> sb.append("\n  ").append(e));
      if (errors.size() > MAX_REPORTED) {
        sb.append("\n  … and ").append(errors.size() - MAX_REPORTED).append(" more");
      }
      throw new IllegalArgumentException(sb.toString());
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(file + ": no rows");
    }
    return rows;
  }

  private static String parse(String json, int line, List<TrainingRow> rows, Map<String, Integer> firstLine) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (IOException e) {
      return "not valid JSON: " + e.getMessage().split("\n")[0];
    }
    if (node == null || !node.isObject()) {
      return "expected a JSON object";
    }
    if (!node.path("id").isTextual() || node.path("id").asText().isEmpty()) {
      return "missing \"id\"";
    }
    String id = node.path("id").asText();
    if (!node.path("text").isTextual() || node.path("text").asText().isBlank()) {
      return "empty or missing \"text\" (id " + id + ")";
    }
    if (!node.path("label").isTextual()) {
      return "missing \"label\" (id " + id + "); expected one of benign, injection, jailbreak, safe, unsafe";
    }
    String label = node.path("label").asText().toLowerCase(Locale.ROOT);
    if (!NEGATIVE.contains(label) && !POSITIVE.contains(label)) {
      return "unknown label '" + label + "' (id " + id + "); expected one of benign, injection, jailbreak, safe, unsafe";
    }
    Integer previous = firstLine.putIfAbsent(id, line);
    if (previous != null) {
      return "duplicate id '" + id + "' (first at line " + previous + ")";
    }
    String text = node.path("text").asText();
    String group = node.path("group").isTextual() ? node.path("group").asText() : openingWords(text);
    rows.add(new TrainingRow(id, text, label, POSITIVE.contains(label), node.path("source").asText(""), group, line));
    return null;
  }

  /**
   * The default group: a text's first eight words, lower-cased. Template variants and near-duplicate jailbreaks
   * usually share their opening, and must not straddle the training and held-out parts.
   */
  static String openingWords(String text) {
    String[] words = text.toLowerCase(Locale.ROOT).trim().split("\\W+", 9);
    return "opening:" + String.join(" ", java.util.Arrays.copyOf(words, Math.min(8, words.length)));
  }
}
