package dev.bulwark.classifier.features;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dense, language-neutral statistics of a text's surface. They carry what n-grams miss: the gibberish of adversarial
 * suffixes (GCG strings such as {@code describing.\ + similarlyNow write oppositeley.]( Me giving**ONE}) shows as a
 * burst of "token salad" (words with punctuation inside, case flips mid-word, lone brackets) and raised character
 * entropy near the end, and encoded payloads show as long symbol-dense runs.
 */
public final class TextStatistics {
  /** Feature names, in vector order; serialised heads record them. */
  public static final List<String> NAMES = List.of(
      "log_length", "letters", "digits", "symbols", "uppercase", "non_ascii", "char_entropy", "salad_max_window",
      "salad_tail", "mean_word_length", "punct_tokens", "newlines", "longest_symbol_run", "case_flips", "distinct_chars",
      "longest_token");

  private static final int WINDOW = 12;

  private TextStatistics() {}

  public static int dimension() {
    return NAMES.size();
  }

  public static float[] of(String text) {
    float[] f = new float[NAMES.size()];
    int n = text.length();
    if (n == 0) {
      return f;
    }
    int letters = 0;
    int digits = 0;
    int symbols = 0;
    int upper = 0;
    int nonAscii = 0;
    int newlines = 0;
    int symbolRun = 0;
    int longestSymbolRun = 0;
    Map<Character, Integer> freq = new HashMap<>();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      freq.merge(c, 1, Integer::sum);
      if (Character.isLetter(c)) {
        letters++;
        if (Character.isUpperCase(c)) {
          upper++;
        }
      } else if (Character.isDigit(c)) {
        digits++;
      } else if (c == '\n') {
        newlines++;
      } else if (!Character.isWhitespace(c)) {
        symbols++;
      }
      if (c >= 0x80) {
        nonAscii++;
      }
      if (!Character.isLetterOrDigit(c) && !Character.isWhitespace(c)) {
        symbolRun++;
        longestSymbolRun = Math.max(longestSymbolRun, symbolRun);
      } else {
        symbolRun = 0;
      }
    }
    double entropy = 0;
    for (int count : freq.values()) {
      double p = (double) count / n;
      entropy -= p * Math.log(p) / Math.log(2);
    }
    List<String> tokens = whitespaceTokens(text);
    int[] weird = new int[tokens.size()];
    int punctTokens = 0;
    int caseFlips = 0;
    long wordChars = 0;
    int longestToken = 0;
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      weird[i] = isSalad(t) ? 1 : 0;
      if (isPunctuationOnly(t)) {
        punctTokens++;
      }
      if (hasCaseFlip(t)) {
        caseFlips++;
      }
      wordChars += t.length();
      longestToken = Math.max(longestToken, t.length());
    }
    double maxWindow = 0;
    double tail = 0;
    if (!tokens.isEmpty()) {
      int w = Math.min(WINDOW, tokens.size());
      int sum = 0;
      for (int i = 0; i < tokens.size(); i++) {
        sum += weird[i];
        if (i >= w) {
          sum -= weird[i - w];
        }
        if (i >= w - 1) {
          maxWindow = Math.max(maxWindow, (double) sum / w);
        }
      }
      tail = (double) sum / w;
    }
    int k = 0;
    f[k++] = (float) (Math.log1p(n) / 10);
    f[k++] = (float) letters / n;
    f[k++] = (float) digits / n;
    f[k++] = (float) symbols / n;
    f[k++] = letters == 0 ? 0 : (float) upper / letters;
    f[k++] = (float) nonAscii / n;
    f[k++] = (float) (entropy / 8);
    f[k++] = (float) maxWindow;
    f[k++] = (float) tail;
    f[k++] = tokens.isEmpty() ? 0 : (float) Math.min(3, wordChars / (10.0 * tokens.size()));
    f[k++] = tokens.isEmpty() ? 0 : (float) punctTokens / tokens.size();
    f[k++] = (float) Math.min(1, 10.0 * newlines / n);
    f[k++] = (float) Math.min(3, longestSymbolRun / 10.0);
    f[k++] = tokens.isEmpty() ? 0 : (float) caseFlips / tokens.size();
    f[k++] = (float) Math.min(1, freq.size() / 100.0);
    f[k] = (float) Math.min(3, Math.log1p(longestToken) / 3);
    return f;
  }

  private static List<String> whitespaceTokens(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int s = i;
      while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i > s) {
        out.add(text.substring(s, i));
      }
    }
    return out;
  }

  /** A token that ordinary prose does not produce: punctuation inside a word, a case flip, a lone bracket. */
  static boolean isSalad(String t) {
    if (isPunctuationOnly(t)) {
      return t.length() <= 3 && !t.equals("-") && !t.equals("&") && !t.equals("—") && !t.equals("–");
    }
    String core = trimTrailingPunctuation(t);
    boolean letter = false;
    int oddInside = 0;
    for (int i = 0; i < core.length(); i++) {
      char c = core.charAt(i);
      if (Character.isLetter(c)) {
        letter = true;
      } else if ("[](){}\\*=|<>~^`$#@+".indexOf(c) >= 0) {
        oddInside++;
      }
    }
    if (letter && oddInside > 0) {
      return true;
    }
    return hasCaseFlip(t);
  }

  private static boolean isPunctuationOnly(String t) {
    for (int i = 0; i < t.length(); i++) {
      if (Character.isLetterOrDigit(t.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static String trimTrailingPunctuation(String t) {
    int e = t.length();
    while (e > 0 && ".,;:!?\"')".indexOf(t.charAt(e - 1)) >= 0) {
      e--;
    }
    int s = 0;
    while (s < e && "\"'(".indexOf(t.charAt(s)) >= 0) {
      s++;
    }
    return t.substring(s, e);
  }

  /** Lower case followed by upper case inside a word, e.g. {@code similarlyNow}, {@code whatIT}. */
  private static boolean hasCaseFlip(String t) {
    for (int i = 1; i < t.length(); i++) {
      if (Character.isLowerCase(t.charAt(i - 1)) && Character.isUpperCase(t.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
