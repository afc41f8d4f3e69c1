package dev.bulwark.eval.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the options a model chose in a CyberSOCEval multiple-answer question and scores them as upstream does.
 *
 * <p>The answer is the JSON object {@code {"correct_answers": [...]}}: line breaks are removed, and the text from the
 * <em>last</em> {@code {} to the last {@code }} must parse as a JSON object with a {@code correct_answers} list (a
 * string counts as the list of its characters). For threat-intel answers, a {@code <json_object>...</json_object>}
 * span, or failing that a LaTeX {@code $\boxed{A, C}$}, is looked for first. Anything else is a parsing error, which
 * upstream counts separately from wrong answers.
 */
public final class ChoiceAnswer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TAGGED = Pattern.compile("<json_object>(.*?)</json_object>");
  private static final Pattern BOXED = Pattern.compile("\\$\\\\boxed\\{([^}]*)\\}\\$");

  private ChoiceAnswer() {}

  /** The chosen options of a malware-analysis answer; empty when it cannot be parsed. */
  public static Optional<List<String>> parseMalwareAnalysis(String response) {
    return lastJsonObject(response.replace("\n", ""));
  }

  /** The chosen options of a threat-intel answer; empty when it cannot be parsed. */
  public static Optional<List<String>> parseThreatIntel(String response) {
    String text = response.replace("\r", "").replace("\n", "");
    Matcher tagged = TAGGED.matcher(text);
    if (tagged.find()) {
      text = tagged.group(0);
    } else {
      Matcher boxed = BOXED.matcher(text);
      if (boxed.find()) {
        List<String> letters = new ArrayList<>();
        for (String part : boxed.group(1).replace(" ", "").split(",", -1)) {
          if (part.isEmpty()) {
            return Optional.empty();
          }
          letters.add(part.substring(0, 1));
        }
        return Optional.of(letters);
      }
    }
    return lastJsonObject(text);
  }

  private static Optional<List<String>> lastJsonObject(String text) {
    int start = text.lastIndexOf('{');
    int end = text.lastIndexOf('}');
    if (start < 0 || end < start) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = JSON.readTree(text.substring(start, end + 1));
    } catch (IOException e) {
      return Optional.empty();
    }
    if (node == null || !node.isObject() || node.isEmpty()) {
      return Optional.empty();
    }
    JsonNode answers = node.get("correct_answers");
    List<String> out = new ArrayList<>();
    if (answers != null && answers.isArray()) {
      for (JsonNode a : answers) {
        out.add(a.isTextual() ? a.asText() : a.toString());
      }
      return Optional.of(out);
    }
    if (answers != null && answers.isTextual()) {
      answers.asText().codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
      return Optional.of(out);
    }
    return Optional.empty();
  }

  /**
   * Upstream's Jaccard similarity: |set(a) ∩ set(b)| / (len(a) + len(b) − |intersection|) over the lists as given
   * (a repeated option lowers the score), 0 when both are empty. An answer is correct when this is exactly 1.
   */
  public static double jaccard(List<String> chosen, List<String> correct) {
    Set<String> a = new HashSet<>(chosen);
    a.retainAll(new HashSet<>(correct));
    int union = chosen.size() + correct.size() - a.size();
    return union > 0 ? (double) a.size() / union : 0.0;
  }
}
