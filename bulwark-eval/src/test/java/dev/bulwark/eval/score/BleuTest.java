package dev.bulwark.eval.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BleuTest {
  @Test
  void handComputedSentence() {
    // 1-grams 5/6, 2-grams 3/5, 3-grams 1/4, 4-grams 0/3 -> exp smoothing 100/(2*3); equal lengths, no penalty.
    // (83.333 * 60 * 25 * 16.667)^(1/4) = 2,083,333^(1/4) = 37.9918
    double expected = Math.pow(100.0 * 5 / 6 * 60 * 25 * (100.0 / 6), 0.25);
    assertThat(Bleu.score("the cat sat on the mat", "the cat is on the mat")).isCloseTo(expected, within(1e-9));
    assertThat(expected).isCloseTo(37.9918, within(1e-4));
  }

  @Test
  void identicalTextScoresHundredAndDisjointTextZero() {
    String code = "int sum(int a, int b) {\n  return a + b;\n}";
    assertThat(Bleu.score(code, code)).isCloseTo(100.0, within(1e-9));
    assertThat(Bleu.score("alpha beta gamma delta", "one two three four")).isZero();
    assertThat(Bleu.score("", "one two three four")).isZero();
  }

  @Test
  void brevityPenaltyForShortHypothesis() {
    // hyp: 4 tokens all matching, ref 8 tokens: precisions 100, 100, 100, 100; BP = exp(1 - 8/4) = e^-1.
    assertThat(Bleu.score("a b c d", "a b c d e f g h")).isCloseTo(100 * Math.exp(-1), within(1e-9));
  }

  @Test
  void thirteenATokenisation() {
    assertThat(Bleu.tokenize("foo(bar, 1.5);")).containsExactly("foo", "(", "bar", ",", "1.5", ")", ";");
    assertThat(Bleu.tokenize("x = a-1; y = 3-2")).containsExactly("x", "=", "a-1", ";", "y", "=", "3", "-", "2");
    assertThat(Bleu.tokenize("a &amp; b &lt;c&gt;")).containsExactly("a", "&", "b", "<", "c", ">");
    assertThat(Bleu.tokenize("end.\nnext line  \n\n")).isEqualTo(List.of("end", ".", "next", "line"));
    assertThat(Bleu.tokenize("x\u00a0y")).containsExactly("x", "y");
  }

  /** sacreBLEU's four regular expressions, as the reference for the hand-written passes. */
  private static final java.util.regex.Pattern[] REGEX = {
      java.util.regex.Pattern.compile("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])"),
      java.util.regex.Pattern.compile("([^0-9])([\\.,])"),
      java.util.regex.Pattern.compile("([\\.,])([^0-9])"),
      java.util.regex.Pattern.compile("([0-9])(-)")};
  private static final String[] REPLACEMENT = {" $1 ", "$1 $2 ", " $1 $2", "$1 $2 "};

  @Test
  void theHandWrittenPassesEqualSacreBleusRegularExpressions() {
    java.util.Random random = new java.util.Random(13);
    String alphabet = "ab09.,-- \n\t&;:/()[]{}~`'\"_+=<>@!?#$%^*|\\\u00e9\u00a0\ud83d\ude00";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(40);
      for (int i = 0; i < len; i++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = sb.toString();
      Bleu.Chars c = new Bleu.Chars(s.toCharArray());
      String[] mine = {Bleu.spaceSymbols(c).toString(), Bleu.periodCommaAfterNonDigit(c).toString(),
          Bleu.periodCommaBeforeNonDigit(c).toString(), Bleu.dashAfterDigit(c).toString()};
      for (int k = 0; k < 4; k++) {
        assertThat(mine[k]).as("pass %d on '%s'", k, s).isEqualTo(REGEX[k].matcher(s).replaceAll(REPLACEMENT[k]));
      }
    }
  }

  @Test
  void repeatedNgramsAreClipped() {
    // hyp "a a a a" vs ref "a b": 1-gram matches min(4,1)=1 of 4, no higher matches; BP 1.
    // p = [25, 100/(2*3), 100/(4*2), 100/(8*1)] -> (25 * 16.667 * 12.5 * 12.5)^(1/4)
    double expected = Math.pow(25 * (100.0 / 6) * 12.5 * 12.5, 0.25);
    assertThat(Bleu.score("a a a a", "a b")).isCloseTo(expected, within(1e-9));
  }
}
