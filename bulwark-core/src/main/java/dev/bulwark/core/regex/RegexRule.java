package dev.bulwark.core.regex;

import com.google.re2j.Pattern;
import dev.bulwark.core.Decision;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One named pattern and what a match means.
 *
 * @param id stable rule id, e.g. {@code secret.aws-access-key-id}
 * @param category finding category, e.g. {@code injection}, {@code secret}
 * @param decision what a match recommends
 * @param message one line on what a match means
 * @param pattern a linear-time (RE2) pattern
 * @param anchors ASCII literals (case-insensitive) of which every match contains one; empty: always run
 * @param notPrecededBy phrases (case-insensitive) that cancel a match when they end just before it, e.g. "don't"
 * @param anchoredAtStart every match begins where an anchor occurs, so the pattern is tried only at anchor hits
 */
public record RegexRule(
    String id, String category, Decision decision, String message, Pattern pattern, List<String> anchors,
    List<String> notPrecededBy, boolean anchoredAtStart) {

  public RegexRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(pattern, "pattern");
    anchors = List.copyOf(anchors);
    notPrecededBy = notPrecededBy.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
  }

  RegexRule withDecision(Decision newDecision) {
    return new RegexRule(id, category, newDecision, message, pattern, anchors, notPrecededBy, anchoredAtStart);
  }

  /** True when one of the cancelling phrases ends within a few characters before {@code start}. */
  boolean cancelledAt(CharSequence text, int start) {
    if (notPrecededBy.isEmpty()) {
      return false;
    }
    int from = Math.max(0, start - 24);
    String before = text.subSequence(from, start).toString().toLowerCase(Locale.ROOT).stripTrailing();
    for (String phrase : notPrecededBy) {
      if (before.endsWith(phrase)) {
        int at = before.length() - phrase.length();
        if (at == 0 || !Character.isLetterOrDigit(before.charAt(at - 1))) {
          return true;
        }
      }
    }
    return false;
  }
}
