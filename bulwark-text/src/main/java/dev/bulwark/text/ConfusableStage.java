package dev.bulwark.text;

/**
 * Folds look-alike letters to the ASCII they imitate ({@link Confusables#asciiFold}), but only where someone is
 * imitating: inside a word that mixes Latin with another script ("іgnоrе", "instrucтions"), in a word made only of
 * look-alikes that stands among Latin words ("Ignore аll"), and for the Latin letters that imitate other ones ("ɪ",
 * "ı"). Genuine Cyrillic or Greek text ("Привет", "καλημέρα") has no Latin in its words and is left alone.
 */
public final class ConfusableStage implements TextStage {
  private final boolean otherScriptsOnly;

  /** Folds every look-alike, Latin letters that imitate others included. */
  public ConfusableStage() {
    this(false);
  }

  private ConfusableStage(boolean otherScriptsOnly) {
    this.otherScriptsOnly = otherScriptsOnly;
  }

  /**
   * Folds only letters of other scripts that imitate Latin ones (Cyrillic "о" in "ignоre"); Latin letters stay as
   * written ("ç", "đ", "ř" are spelling in the languages the classifiers read, not disguise).
   */
  public static ConfusableStage otherScriptsOnly() {
    return new ConfusableStage(true);
  }

  private static final byte NONE = 0;
  /** Has Latin letters (possibly also look-alikes from other scripts). */
  private static final byte LATIN = 1;
  /** No Latin, and every letter has an ASCII fold. */
  private static final byte LOOKALIKE = 2;
  /** No Latin, and some letter has no fold: genuine text of another script. */
  private static final byte FOREIGN = 3;

  @Override
  public String name() {
    return otherScriptsOnly ? "confusables-other-scripts" : "confusables";
  }

  @Override
  public boolean mayChange(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x80 && Confusables.hasFold(Character.isHighSurrogate(c) ? text.codePointAt(i) : c)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void apply(String text, ViewBuilder out) {
    int n = text.length();
    // Pass 1: words (runs of letters) and their kinds, so a look-alike word can see both its neighbours.
    int[] starts = new int[16];
    int[] ends = new int[16];
    byte[] kinds = new byte[16];
    boolean[] hasFold = new boolean[16];
    int words = 0;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c < 0x80 ? !Ascii.isLetter(c) : !Character.isLetter(text.codePointAt(i))) {
        i += c < 0x80 ? 1 : Character.charCount(text.codePointAt(i));
        continue;
      }
      int start = i;
      boolean latin = false;
      boolean unfoldable = false;
      boolean foldable = false;
      while (i < n) {
        c = text.charAt(i);
        if (c < 0x80) {
          if (!Ascii.isLetter(c)) {
            break;
          }
          latin = true;
          i++;
          continue;
        }
        int cp = text.codePointAt(i);
        if (!Character.isLetter(cp)) {
          break;
        }
        if (Confusables.hasFold(cp)) {
          foldable = true;
          latin |= Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN;
        } else if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
          latin = true;
        } else {
          unfoldable = true;
        }
        i += Character.charCount(cp);
      }
      if (words == starts.length) {
        starts = java.util.Arrays.copyOf(starts, words * 2);
        ends = java.util.Arrays.copyOf(ends, words * 2);
        kinds = java.util.Arrays.copyOf(kinds, words * 2);
        hasFold = java.util.Arrays.copyOf(hasFold, words * 2);
      }
      starts[words] = start;
      ends[words] = i;
      // An all-ASCII word has nothing to fold and is no look-alike: not recorded as foldable, it is skipped below.
      kinds[words] = latin ? LATIN : unfoldable ? FOREIGN : LOOKALIKE;
      hasFold[words++] = foldable;
    }
    // Pass 2: copy, folding where a word imitates. A run of look-alike-only words is folded when Latin words stand on
    // both sides of it, or on one side with the text's edge on the other and the run is a single word ("Ignore аll");
    // "в Москве and ..." (two genuine Russian words at the start) is left alone.
    int copied = 0;
    boolean folded = false;
    int w = 0;
    while (w < words) {
      int last = w;
      boolean fold;
      if (kinds[w] == LATIN) {
        fold = true;
      } else if (kinds[w] == LOOKALIKE) {
        while (last + 1 < words && kinds[last + 1] == LOOKALIKE) {
          last++;
        }
        byte before = w > 0 ? kinds[w - 1] : NONE;
        byte after = last + 1 < words ? kinds[last + 1] : NONE;
        fold = (before == LATIN && after == LATIN)
            || (w == last && ((before == LATIN && after == NONE) || (before == NONE && after == LATIN)));
      } else {
        fold = false;
      }
      for (; w <= last; w++) {
        if (fold && hasFold[w]) {
          out.copy(copied, starts[w]);
          foldWord(text, starts[w], ends[w], out);
          copied = ends[w];
          folded = true;
        }
      }
    }
    if (folded) {
      out.copy(copied, n);
    } else {
      out.keepInput(); // only genuine text of other scripts: nothing to copy
    }
  }

  private void foldWord(String text, int start, int end, ViewBuilder out) {
    for (int k = start; k < end; ) {
      int cp = text.codePointAt(k);
      String ascii = otherScriptsOnly && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN ? null : Confusables.asciiFold(cp);
      if (ascii == null) {
        k += out.copyCodePoint(k);
      } else {
        int width = Character.charCount(cp);
        out.replace(k, k + width, ascii);
        k += width;
      }
    }
  }
}
