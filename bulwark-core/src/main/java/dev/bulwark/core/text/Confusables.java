package dev.bulwark.core.text;

import java.text.Normalizer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Folds look-alike letters to the ASCII they imitate, so that "іgnоrе" (Cyrillic і, о, е) reads as "ignore". Covers
 * the Cyrillic and Greek homoglyphs of Latin letters and the compatibility forms (fullwidth, mathematical
 * alphanumerics, enclosed and letter-like symbols) that NFKC maps to ASCII. Other text is left alone: folding is for
 * matching, never for display.
 */
public final class Confusables {
  private static final char[] CYRILLIC = new char[0x0530 - 0x0400];
  private static final char[] GREEK = new char[0x0400 - 0x0370];
  private static final ConcurrentHashMap<Integer, String> COMPAT = new ConcurrentHashMap<>();

  static {
    map(CYRILLIC, 0x0400, "а", 'a', "в", 'b', "е", 'e', "о", 'o', "р", 'p', "с", 'c', "у", 'y', "х", 'x', "і", 'i',
        "ј", 'j', "ѕ", 's', "ԁ", 'd', "һ", 'h', "ԛ", 'q', "ԝ", 'w', "ӏ", 'l', "А", 'A', "В", 'B', "Е", 'E', "К", 'K',
        "М", 'M', "Н", 'H', "О", 'O', "Р", 'P', "С", 'C', "Т", 'T', "Х", 'X', "І", 'I', "Ј", 'J', "Ѕ", 'S', "Ү", 'Y',
        "Ԁ", 'D', "Ԛ", 'Q', "Ԝ", 'W', "Ӏ", 'I');
    map(GREEK, 0x0370, "ο", 'o', "α", 'a', "ν", 'v', "ρ", 'p', "ι", 'i', "κ", 'k', "υ", 'u', "τ", 't', "Α", 'A',
        "Β", 'B', "Ε", 'E', "Ζ", 'Z', "Η", 'H', "Ι", 'I', "Κ", 'K', "Μ", 'M', "Ν", 'N', "Ο", 'O', "Ρ", 'P', "Τ", 'T',
        "Υ", 'Y', "Χ", 'X');
  }

  private Confusables() {}

  private static void map(char[] table, int base, Object... pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      table[((String) pairs[i]).charAt(0) - base] = (Character) pairs[i + 1];
    }
  }

  /** The ASCII letter {@code cp} imitates, or 0 when it is not a Cyrillic or Greek homoglyph. */
  public static char homoglyph(int cp) {
    if (cp >= 0x0400 && cp < 0x0530) {
      return CYRILLIC[cp - 0x0400];
    }
    if (cp >= 0x0370 && cp < 0x0400) {
      return GREEK[cp - 0x0370];
    }
    return 0;
  }

  /** True for the blocks whose NFKC form is (mostly) ASCII: fullwidth, math alphanumerics, enclosed, letter-like. */
  public static boolean isCompatibilityForm(int cp) {
    return (cp >= 0xFF01 && cp <= 0xFF5E)
        || (cp >= 0x1D400 && cp <= 0x1D7FF)
        || (cp >= 0x2460 && cp <= 0x24FF)
        || (cp >= 0x1F100 && cp <= 0x1F1FF)
        || (cp >= 0x2100 && cp <= 0x214F)
        || (cp >= 0x2070 && cp <= 0x209F)
        || (cp >= 0x1D00 && cp <= 0x1D7F)
        || (cp >= 0xFB00 && cp <= 0xFB06);
  }

  /** The NFKC form of a compatibility character, e.g. "Ａ" → "A", "𝐢" → "i", "ﬁ" → "fi". */
  public static String compatibilityForm(int cp) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      return String.valueOf((char) (cp - 0xFEE0));
    }
    return COMPAT.computeIfAbsent(cp, c -> Normalizer.normalize(new String(Character.toChars(c)), Normalizer.Form.NFKC));
  }
}
