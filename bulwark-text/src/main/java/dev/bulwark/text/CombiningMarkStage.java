package dev.bulwark.text;

import java.text.Normalizer;

/**
 * Strips combining marks: "Zalgo" stacks ("i̷̢g̸n̵o̶r̷e̴"), diacritics used as disguise ("ïgnörë"), and marks left by
 * the previous stage. Letters with a canonical decomposition into a base letter and marks ("é", "ά", "й") become the
 * base letter. The view is for matching rules written in ASCII, never for display, so stripping marks from scripts
 * that need them costs nothing there.
 */
public final class CombiningMarkStage implements TextStage {
  private static final CodePointCache BASE = new CodePointCache(CombiningMarkStage::base);

  @Override
  public String name() {
    return "combining-marks";
  }

  @Override
  public boolean mayChange(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x80 && changes(Character.isHighSurrogate(c) ? text.codePointAt(i) : c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean changes(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
        || (Character.isLetter(cp) && BASE.get(cp) != CodePointCache.SAME);
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
      int cp = text.codePointAt(i);
      int width = Character.charCount(cp);
      int type = Character.getType(cp);
      if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
        out.drop();
      } else if (type == Character.UPPERCASE_LETTER || type == Character.LOWERCASE_LETTER
          || type == Character.TITLECASE_LETTER || type == Character.OTHER_LETTER) {
        String base = BASE.get(cp);
        if (base == CodePointCache.SAME) {
          out.copyCodePoint(i);
        } else {
          out.replace(i, i + width, base);
        }
      } else {
        out.copyCodePoint(i);
      }
      i += width;
    }
  }

  /** The base of a letter that decomposes into one base code point plus non-spacing marks, or null. */
  private static String base(int cp) {
    String nfd = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
    int first = nfd.codePointAt(0);
    int rest = Character.charCount(first);
    if (rest == nfd.length()) {
      return null;
    }
    for (int k = rest; k < nfd.length(); ) {
      int m = nfd.codePointAt(k);
      if (Character.getType(m) != Character.NON_SPACING_MARK) {
        return null;
      }
      k += Character.charCount(m);
    }
    return nfd.substring(0, rest);
  }
}
