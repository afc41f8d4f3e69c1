package dev.bulwark.text;

import java.text.Normalizer;

/**
 * Strips combining marks, in one of two modes.
 *
 * <ul>
 *   <li>{@link #CombiningMarkStage() all} (the rules' view): "Zalgo" stacks ("i̷̢g̸n̵o̶r̷e̴"), diacritics used as
 *       disguise ("ïgnörë"), and marks left by the previous stage. Letters with a canonical decomposition into a base
 *       letter and marks ("é", "ά", "й") become the base letter. That view is for matching rules written in ASCII,
 *       never for display, so stripping marks from scripts that need them costs nothing there.
 *   <li>{@link #decorationsOnly()} (the classifiers' view): after NFKC has composed the ordinary accented letters,
 *       a combining diacritic still standing on a Latin, Greek or Cyrillic letter is decoration ("Zalgo"), and is
 *       dropped; composed letters keep their accents ("distância" stays), and marks of other scripts (Devanagari,
 *       Thai vowel signs) stay, since the models read those languages as they are written.
 * </ul>
 */
public final class CombiningMarkStage implements TextStage {
  private static final CodePointCache BASE = new CodePointCache(CombiningMarkStage::base);

  /** Marks after a base that may compose with it; real spelling needs at most two or three (Vietnamese "ế"). */
  private static final int MAX_COMPOSED_MARKS = 8;

  private final boolean decorationsOnly;

  /** Strips every combining mark and decomposes accented letters to their base. */
  public CombiningMarkStage() {
    this(false);
  }

  private CombiningMarkStage(boolean decorationsOnly) {
    this.decorationsOnly = decorationsOnly;
  }

  /** Drops only diacritics left standing on Latin, Greek or Cyrillic letters (after NFKC). */
  public static CombiningMarkStage decorationsOnly() {
    return new CombiningMarkStage(true);
  }

  @Override
  public String name() {
    return decorationsOnly ? "combining-mark-decorations" : "combining-marks";
  }

  @Override
  public boolean mayChange(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (decorationsOnly) {
        if (c >= 0x300 && isDiacritic(Character.isHighSurrogate(c) ? text.codePointAt(i) : c)) {
          return true;
        }
        continue;
      }
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
    if (decorationsOnly) {
      applyDecorationsOnly(text, out);
      return;
    }
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

  /**
   * Each base character with the combining marks after it is one cluster. On a Latin, Greek or Cyrillic base, the
   * cluster is composed (NFC: a decomposed "e" + U+0301 is the letter "é", as written) and the diacritics that do not
   * compose are dropped; clusters on other bases are copied as they are.
   */
  private static void applyDecorationsOnly(String text, ViewBuilder out) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      int cp = text.codePointAt(i);
      int width = Character.charCount(cp);
      int end = i + width;
      while (end < n && isMark(text.codePointAt(end))) {
        end += Character.charCount(text.codePointAt(end));
      }
      if (end == i + width) {
        if (isDiacritic(cp)) {
          out.drop(); // a diacritic with no base at all (text start, or after a line break)
        } else {
          out.copyCodePoint(i);
        }
      } else if (!latinLike(cp) || isMark(cp)) {
        out.copy(i, end);
      } else {
        // Only the first few marks can be spelling; composing a megabyte-long stack would cost its canonical reordering.
        int composeEnd = i + width;
        for (int k = 0; k < MAX_COMPOSED_MARKS && composeEnd < end; k++) {
          composeEnd += Character.charCount(text.codePointAt(composeEnd));
        }
        String cluster = text.substring(i, composeEnd);
        String composed = Normalizer.normalize(cluster, Normalizer.Form.NFC);
        StringBuilder kept = new StringBuilder(composed.length());
        composed.codePoints().filter(c -> !isDiacritic(c)).forEach(kept::appendCodePoint);
        if (kept.toString().equals(cluster)) {
          out.copy(i, composeEnd);
        } else {
          out.replace(i, composeEnd, kept);
        }
        for (int k = composeEnd; k < end; ) {
          int m = text.codePointAt(k);
          if (isDiacritic(m)) {
            out.drop();
            k += Character.charCount(m);
          } else {
            k += out.copyCodePoint(k);
          }
        }
      }
      i = end;
    }
  }

  private static boolean isMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK;
  }

  /** The general-purpose combining diacritic blocks (not the marks of a particular script). */
  private static boolean isDiacritic(int cp) {
    return (cp >= 0x0300 && cp <= 0x036F)
        || (cp >= 0x1AB0 && cp <= 0x1AFF)
        || (cp >= 0x1DC0 && cp <= 0x1DFF)
        || (cp >= 0x20D0 && cp <= 0x20FF)
        || (cp >= 0xFE20 && cp <= 0xFE2F)
        || (cp >= 0x0483 && cp <= 0x0489);
  }

  private static boolean latinLike(int cp) {
    Character.UnicodeScript s = Character.UnicodeScript.of(cp);
    return s == Character.UnicodeScript.LATIN || s == Character.UnicodeScript.GREEK || s == Character.UnicodeScript.CYRILLIC
        || s == Character.UnicodeScript.COMMON;
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
