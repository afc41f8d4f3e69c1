package dev.bulwark.codeshield.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairIndexTest {
  private static final String ALPHABET = "aAbB(){}\"' \n\t._=xXéЖ\uD83D\uDE00";

  /** Both layouts list, for every pair, exactly the positions where it starts, in ascending order. */
  @Test
  void sortedAndCountingLayoutsAgreeWithABruteForceSearch() {
    Random random = new Random(7);
    for (int length : new int[] {0, 1, 2, 3, 17, 400, 2047, 2048, 2049, 5000}) {
      StringBuilder b = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String text = b.toString();
      PairIndex sorted = new PairIndex(text, Integer.MAX_VALUE);
      PairIndex counting = new PairIndex(text, 0);
      for (int i = 0; i < ALPHABET.length(); i++) {
        for (int j = 0; j < ALPHABET.length(); j++) {
          String literal = "" + ALPHABET.charAt(i) + ALPHABET.charAt(j);
          List<Integer> expected = bruteForce(text, literal);
          assertEquals(expected, positions(sorted, literal), "sorted layout, length " + length + ", " + literal);
          assertEquals(expected, positions(counting, literal), "counting layout, length " + length + ", " + literal);
        }
      }
    }
  }

  private static List<Integer> positions(PairIndex index, String literal) {
    List<Integer> out = new ArrayList<>();
    for (int k = index.bucketFrom(literal); k < index.bucketTo(literal); k++) {
      out.add(index.position(k));
    }
    return out;
  }

  /** Positions whose two chars fold (ASCII case; every non-ASCII char alike) to the literal's two chars. */
  private static List<Integer> bruteForce(String text, String literal) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i + 1 < text.length(); i++) {
      if (same(text.charAt(i), literal.charAt(0)) && same(text.charAt(i + 1), literal.charAt(1))) {
        out.add(i);
      }
    }
    return out;
  }

  private static boolean same(char a, char b) {
    if (a >= 128 || b >= 128) {
      return a >= 128 && b >= 128;
    }
    return String.valueOf(a).toLowerCase(Locale.ROOT).equals(String.valueOf(b).toLowerCase(Locale.ROOT));
  }
}
