package dev.bulwark.llm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenAI's moderation categories (those of {@code omni-moderation-latest}) mapped from the MLCommons hazard taxonomy
 * that Llama Guard and the embedded classifier judge (S1–S14), so code written against OpenAI's moderation API reads
 * the keys it knows. docs/HTTP-API.md prints this table; a test keeps the two equal.
 *
 * <p>The mapping only goes where the definitions overlap. OpenAI categories that no hazard code matches stay
 * {@code false} / 0 ({@link #UNJUDGED}); hazard codes that no OpenAI category matches ({@link #UNMAPPED_CODES}) are
 * reported in Bulwark's own fields only.
 */
public final class OpenAiModerationCategories {
  /** Every category key OpenAI documents for {@code omni-moderation-latest}, in its documented order. */
  public static final List<String> KEYS = List.of(
      "harassment", "harassment/threatening", "hate", "hate/threatening", "illicit", "illicit/violent",
      "self-harm", "self-harm/intent", "self-harm/instructions", "sexual", "sexual/minors", "violence",
      "violence/graphic");

  /** Hazard code to the OpenAI categories it flags. */
  public static final Map<String, List<String>> BY_CODE = orderedMap(
      "S1", List.of("violence", "illicit", "illicit/violent"),  // violent crimes
      "S2", List.of("illicit"),                                   // non-violent crimes
      "S3", List.of("sexual", "illicit"),                         // sex-related crimes
      "S4", List.of("sexual", "sexual/minors"),                   // child sexual exploitation
      "S9", List.of("violence", "illicit", "illicit/violent"),  // indiscriminate weapons: procurement and use
      "S10", List.of("hate"),
      "S11", List.of("self-harm"),                               // intent and instructions are not told apart
      "S12", List.of("sexual"),
      "S14", List.of("illicit"));                                 // code interpreter abuse: attacking systems

  /**
   * Hazard codes with no OpenAI counterpart: S5 defamation, S6 specialized advice, S7 privacy, S8 intellectual
   * property, S13 elections. OpenAI's moderation does not judge these either.
   */
  public static final List<String> UNMAPPED_CODES = List.of("S5", "S6", "S7", "S8", "S13");

  /** OpenAI categories no hazard code maps to: always {@code false} with score 0. */
  public static final List<String> UNJUDGED = unjudged();

  private OpenAiModerationCategories() {}

  /** The OpenAI categories a set of violated hazard codes flags, every key present. */
  public static Map<String, Boolean> categories(List<String> flaggedCodes) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    KEYS.forEach(k -> out.put(k, false));
    for (String code : flaggedCodes) {
      BY_CODE.getOrDefault(code, List.of()).forEach(k -> out.put(k, true));
    }
    return out;
  }

  /**
   * Scores that agree with {@link #categories} by construction: a flagged category carries the item's unsafe score
   * (the same number that decided the verdict); any other its highest hazard score, which a classifier never puts
   * above the item's score; unjudged categories 0.
   */
  public static Map<String, Double> scores(List<String> flaggedCodes, Map<String, Double> codeScores, double score) {
    Map<String, Boolean> flagged = categories(flaggedCodes);
    Map<String, Double> out = new LinkedHashMap<>();
    KEYS.forEach(k -> out.put(k, 0.0));
    for (Map.Entry<String, List<String>> e : BY_CODE.entrySet()) {
      double s = Math.min(score, codeScores.getOrDefault(e.getKey(), 0.0));
      for (String k : e.getValue()) {
        out.put(k, Math.max(out.get(k), s));
      }
    }
    flagged.forEach((k, f) -> {
      if (f) {
        out.put(k, score);
      }
    });
    return out;
  }

  /** The violated codes that no OpenAI category shows (custom policy codes included). */
  public static List<String> unmapped(List<String> flaggedCodes) {
    return flaggedCodes.stream().filter(c -> !BY_CODE.containsKey(c)).toList();
  }

  private static Map<String, List<String>> orderedMap(Object... pairs) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      @SuppressWarnings("unchecked")
      List<String> keys = (List<String>) pairs[i + 1];
      m.put((String) pairs[i], keys);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  private static List<String> unjudged() {
    Set<String> mapped = new LinkedHashSet<>();
    BY_CODE.values().forEach(mapped::addAll);
    List<String> out = new ArrayList<>();
    KEYS.stream().filter(k -> !mapped.contains(k)).forEach(out::add);
    return List.copyOf(out);
  }
}
