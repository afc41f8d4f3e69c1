package dev.bulwark.codeshield.detect;

import dev.bulwark.codeshield.Language;
import dev.bulwark.codeshield.syntax.Grammars;
import dev.bulwark.codeshield.syntax.StructuralQuery;
import dev.bulwark.codeshield.syntax.SyntaxParser;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

/**
 * Tells the language of an untagged block: weighted regex evidence first (microseconds); when the two best candidates
 * are close and both have grammars, a parse of the block's start in each decides by the number of syntax errors.
 * Below a minimum of evidence the answer is "unknown", and only language-agnostic rules run.
 */
public final class LanguageDetector {
  private static final int SAMPLE_CHARS = 6000;
  private static final int PARSE_SAMPLE_CHARS = 2000;
  private static final int MIN_SCORE = 5;
  private static final int MAX_HITS_PER_SIGNAL = 3;

  private final SyntaxParser parser;
  private final Map<Language, StructuralQuery> errorQueries = new ConcurrentHashMap<>();

  public LanguageDetector(SyntaxParser parser) {
    this.parser = parser;
  }

  public Optional<Language> detect(String block) {
    String sample = block.length() > SAMPLE_CHARS ? block.substring(0, SAMPLE_CHARS) : block;
    Map<Language, Integer> scores = scores(sample);
    Language best = null;
    Language second = null;
    for (Map.Entry<Language, Integer> e : scores.entrySet()) {
      if (best == null || e.getValue() > scores.get(best)) {
        second = best;
        best = e.getKey();
      } else if (second == null || e.getValue() > scores.get(second)) {
        second = e.getKey();
      }
    }
    if (best == null || scores.get(best) < MIN_SCORE) {
      return Optional.empty();
    }
    int top = scores.get(best);
    int runnerUp = second == null ? 0 : scores.get(second);
    if (second != null && runnerUp * 3 >= top * 2 && Grammars.exists(best) && Grammars.exists(second)) {
      String parseSample = block.length() > PARSE_SAMPLE_CHARS ? block.substring(0, cutAtLine(block, PARSE_SAMPLE_CHARS)) : block;
      int errorsBest = errors(parseSample, best);
      int errorsSecond = errors(parseSample, second);
      if (errorsSecond < errorsBest) {
        return Optional.of(second);
      }
    }
    return Optional.of(best);
  }

  /** Evidence per language; C++ and TypeScript inherit their base language's evidence, as supersets do. */
  static Map<Language, Integer> scores(String sample) {
    Map<Language, Integer> scores = new EnumMap<>(Language.class);
    for (LanguageSignals.Signal s : LanguageSignals.ALL) {
      Matcher m = s.pattern().matcher(sample);
      int hits = 0;
      while (hits < MAX_HITS_PER_SIGNAL && m.find()) {
        hits++;
      }
      if (hits > 0) {
        scores.merge(s.language(), s.weight() * hits, Integer::sum);
      }
    }
    inherit(scores, Language.CPP, Language.C);
    inherit(scores, Language.TYPESCRIPT, Language.JAVASCRIPT);
    inherit(scores, Language.OBJECTIVE_C, Language.C);
    return scores;
  }

  private static void inherit(Map<Language, Integer> scores, Language superset, Language base) {
    Integer own = scores.get(superset);
    Integer inherited = scores.get(base);
    if (own != null && own >= 6 && inherited != null) {
      scores.put(superset, own + inherited);
    }
  }

  private int errors(String sample, Language language) {
    SyntaxParser.Outcome o = parser.parse(sample, language);
    if (!o.ok()) {
      return Integer.MAX_VALUE;
    }
    StructuralQuery q = errorQueries.computeIfAbsent(language,
        l -> StructuralQuery.compile(Grammars.of(l).orElseThrow(), "[(ERROR) (MISSING)] @e"));
    List<StructuralQuery.Match> matches = q.run(o.tree(), 0, sample.length(), System.nanoTime() + 50_000_000L, 1000);
    return matches == null ? Integer.MAX_VALUE : matches.size();
  }

  private static int cutAtLine(String s, int max) {
    int nl = s.lastIndexOf('\n', max);
    return nl > 0 ? nl : max;
  }
}
