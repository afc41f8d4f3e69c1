package dev.bulwark.core;

import dev.bulwark.text.EditDistance;
import java.util.Collection;

/** "Did you mean" hints for misspelled names in configuration and on the command line. */
final class Suggestions {
  private Suggestions() {}

  /** {@code " (did you mean 'x'?)"} for the closest candidate within edit distance 2, else "". */
  static String didYouMean(String given, Collection<String> candidates) {
    String best = null;
    int bestDistance = 3;
    for (String c : candidates) {
      int d = distance(given, c);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }

  private static int distance(String a, String b) {
    // Names more than 2 apart in length are never suggested: skip the table.
    return Math.abs(a.length() - b.length()) > 2 ? 99 : EditDistance.between(a, b);
  }
}
