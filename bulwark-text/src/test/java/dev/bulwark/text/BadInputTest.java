package dev.bulwark.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile and malformed text: nothing throws, and every view offset maps to a valid span of the original. */
class BadInputTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "\uFDFA\uFDFA and \uFB03 \u3392 \u2474", // expansions: one char to 18, ligatures, squared and parenthesised forms
      "\u200B\u200B\u200B\u200B",                // shrinks to nothing
      "a\uD800b\uDC00c \uDC00\uD800",            // lone and reversed surrogates
      "\uD83D",                                  // a lone high surrogate at the end
      "x\u0378\u0FFF\uDB7F\uDFFF y",             // unassigned code points (and a private-use plane one)
      "i\u0301\u0301\u0301 g n o r e",           // marks plus spacing
      "a a a a a a a a a a a a",                 // spaced letters only
      "\uDB40\uDC01\uDB40\uDC7F",                // tag characters that spell nothing
      ""})
  void offsetsStayValid(String input) {
    assertValid(input);
  }

  @Test
  void randomCodePointSoupNeverBreaksTheMap() {
    Random random = new Random(14);
    for (int round = 0; round < 300; round++) {
      StringBuilder s = new StringBuilder();
      for (int k = random.nextInt(40); k > 0; k--) {
        int kind = random.nextInt(5);
        if (kind == 0) {
          s.append((char) random.nextInt(0x10000)); // includes lone surrogates
        } else if (kind == 1) {
          s.appendCodePoint(random.nextInt(0x110000));
        } else if (kind == 2) {
          s.append(" .-".charAt(random.nextInt(3)));
        } else {
          s.append("aоеіт\u0301\u200B\uFB01\uFF41Ｉ".charAt(random.nextInt(10)));
        }
      }
      assertValid(s.toString());
    }
  }

  @Test
  void aMegabyteOfCombiningMarksIsProcessed() {
    // Linear time is the point; the test only shows it completes (no timing assertion).
    String marks = "a" + "\u0301".repeat(1 << 20) + "b";
    TextView v = TextChain.forRules().analyse(marks);
    assertThat(v.text()).isEqualTo("ab");
    assertThat(v.originalSpan(0, 2)).isEqualTo(new Span(0, marks.length()));
    assertThat(v.originalSpan(1, 2)).isEqualTo(new Span(marks.length() - 1, marks.length()));
  }

  @Test
  void aMegabyteOfMarksOfMixedClassesIsProcessed() {
    // acute (class 230) and cedilla (202) alternate: a canonical reordering of the whole stack would be quadratic
    String marks = "a" + "\u0301\u0327".repeat(1 << 19) + "b \u0301";
    TextView v = TextChain.forClassifiers().analyse(marks);
    assertThat(v.text()).isEqualTo("\u00e1b");
    assertThat(v.originalSpan(1, 2)).isEqualTo(new Span(marks.length() - 3, marks.length() - 2));
    assertValid(marks.substring(0, 3000), TextChain.forClassifiers());
    assertThat(TextChain.forRules().analyse(marks).text()).isEqualTo("ab ");
    assertValid("  x\u0301\u0301  y\t\n z \u00a0", TextChain.forClassifiers());
  }

  @Test
  void aMegabyteOfSpacedLettersIsProcessed() {
    String spaced = "a ".repeat(1 << 19);
    TextView v = TextChain.forRules().analyse(spaced);
    assertThat(v.text()).startsWith("aaaa");
    assertValid(spaced.substring(0, 2000));
  }

  private static void assertValid(String input) {
    assertValid(input, TextChain.forRules());
    assertValid(input, TextChain.forClassifiers());
  }

  private static void assertValid(String input, TextChain chain) {
    TextView v = chain.analyse(input);
    int n = v.text().length();
    int previousStart = 0;
    for (int i = 0; i <= n; i++) {
      int start = v.map().originalStart(i);
      assertThat(start).isBetween(previousStart, input.length());
      previousStart = start;
      for (int j : new int[] {i, Math.min(n, i + 1), n}) {
        Span span = v.originalSpan(i, j);
        assertThat(span.start()).isBetween(0, input.length());
        assertThat(span.end()).isBetween(span.start(), input.length());
      }
    }
  }
}
