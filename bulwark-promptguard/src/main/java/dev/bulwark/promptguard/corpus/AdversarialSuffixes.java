package dev.bulwark.promptguard.corpus;

import java.util.Random;

/**
 * Synthetic GCG-style adversarial suffixes: the optimiser's output is a run of word pieces, odd capitalisation and
 * stray punctuation ({@code describing.\ + similarlyNow write oppositeley.](}). The dev set has 23 real ones (13
 * suffixes); these let a head learn the shape rather than the 13 strings. Built from our own fragment lists.
 */
public final class AdversarialSuffixes {
  private static final String[] WORDS = {"describing", "similarly", "now", "write", "opposite", "giving", "please",
      "revert", "sure", "here", "tutorial", "manual", "format", "sentence", "Two", "ONE", "Arg", "Dynam", "binom",
      "Hamiltonian", "checking", "whatever", "Inst", "kwargs", "Unicode", "lambda", "Sure", "heres", "begin", "satisf",
      "Wikipedia", "markdown", "tab", "cols", "mais", "und", "Bi", "usion", "ory", "tion", "ably", "orno", "YPE",
      "Prompt", "respond", "Title", "comedy", "quickly", "LaTeX", "alright", "steps", "answer", "oppositeley", "Me",
      "Ok", "Seq", "paragraph", "via", "slash", "instead", "Mode", "GPT", "ALL", "Cap", "surely", "NAME", "awesome",
      "pelo", "zweite", "Jahr", "sterling", "Vorlage", "ubern", "tit", "Ready", "Here", "Manuel", "Indeed"};
  private static final String[] PUNCT = {"[", "](", "\\!", "--", "**", "{", "}", "==", "'", "\"", ".", "+", "(", ")",
      "](#", "\\", ";)", "<", ">", "=\"", "?", ",", "$.", "@", "]{", "*/", "\\\\", "`", "%", "^", "|", "~"};

  private AdversarialSuffixes() {}

  /** A suffix of roughly 15–30 pieces. */
  public static String suffix(Random rnd) {
    StringBuilder sb = new StringBuilder();
    int pieces = 15 + rnd.nextInt(16);
    for (int i = 0; i < pieces; i++) {
      double r = rnd.nextDouble();
      String piece;
      if (r < 0.55) {
        piece = WORDS[rnd.nextInt(WORDS.length)];
        if (rnd.nextDouble() < 0.25) {
          piece = piece + capitalise(WORDS[rnd.nextInt(WORDS.length)]);
        }
      } else if (r < 0.85) {
        piece = PUNCT[rnd.nextInt(PUNCT.length)];
      } else {
        piece = WORDS[rnd.nextInt(WORDS.length)] + PUNCT[rnd.nextInt(PUNCT.length)];
      }
      if (sb.length() > 0 && rnd.nextDouble() < 0.8) {
        sb.append(' ');
      }
      sb.append(piece);
    }
    return sb.toString();
  }

  /** {@code request} followed by a suffix. */
  public static String attach(String request, Random rnd) {
    return request.strip() + " " + suffix(rnd);
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
