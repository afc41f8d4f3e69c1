package dev.bulwark.text;

import java.text.Normalizer;

/**
 * Compatibility forms to what they stand for (NFKC, one code point at a time): fullwidth "Ｉｇｎｏｒｅ", mathematical
 * "𝐢𝐠𝐧𝐨𝐫𝐞", circled, superscript, ligature "ﬁ" → "fi", odd spaces → space. Per code point rather than per string
 * so that the map stays exact (every output char stands for the one code point it came from) and the cost linear;
 * canonical composition is not needed because the next stage strips combining marks anyway.
 */
public final class CompatibilityStage implements TextStage {
  private static final CodePointCache NFKC = new CodePointCache(CompatibilityStage::nfkc);

  @Override
  public String name() {
    return "nfkc";
  }

  /**
   * Per code point, like {@link #apply}. Not {@code Normalizer.isNormalized} on the whole text: the JDK's check reorders
   * combining marks and is quadratic on a long stack of marks of alternating classes (65,536 pairs took 4.7 s).
   */
  @Override
  public boolean mayChange(String text) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c < 0x80) {
        i++;
        continue;
      }
      int cp = text.codePointAt(i);
      if (NFKC.get(cp) != CodePointCache.SAME) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  @Override
  public void apply(String text, ViewBuilder out) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c < 0x80) {
        i = Ascii.copyRun(text, i, out);
        continue;
      }
      if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1)))) {
        i += out.copyCodePoint(i); // a lone surrogate stays as it is
        continue;
      }
      int cp = text.codePointAt(i);
      int width = Character.charCount(cp);
      String replacement = NFKC.get(cp);
      if (replacement == CodePointCache.SAME) {
        out.copyCodePoint(i);
      } else if (replacement.isEmpty()) {
        out.drop();
      } else {
        out.replace(i, i + width, replacement);
      }
      i += width;
    }
  }

  private static String nfkc(int cp) {
    String s = new String(Character.toChars(cp));
    String normalised = Normalizer.normalize(s, Normalizer.Form.NFKC);
    return normalised.equals(s) ? null : normalised;
  }
}
