package dev.bulwark.core.text;

/**
 * A view of a text for matching: invisible characters dropped, look-alike letters folded to ASCII, compatibility forms
 * (fullwidth, math letters) expanded, and every character of the view mapped back to its offset in the original, so
 * findings made on the view point at the right place in what the user sent.
 *
 * <p>Plain ASCII (the common case) is detected in one pass and used as is.
 */
public final class NormalizedText {
  private final String original;
  private final String text;
  private final int[] origins;

  private NormalizedText(String original, String text, int[] origins) {
    this.original = original;
    this.text = text;
    this.origins = origins;
  }

  public static NormalizedText of(String original) {
    int n = original.length();
    int i = 0;
    while (i < n && original.charAt(i) < 0x80) {
      i++;
    }
    if (i == n) {
      return new NormalizedText(original, original, null);
    }
    StringBuilder out = new StringBuilder(n);
    int[] origins = new int[n + 8];
    out.append(original, 0, i);
    for (int k = 0; k < i; k++) {
      origins[k] = k;
    }
    int len = i;
    while (i < n) {
      int cp = original.codePointAt(i);
      int width = Character.charCount(cp);
      if (!Invisibles.isIgnorable(cp)) {
        char folded = Confusables.homoglyph(cp);
        String replacement = null;
        if (folded == 0 && Confusables.isCompatibilityForm(cp)) {
          replacement = Confusables.compatibilityForm(cp);
        }
        if (folded != 0) {
          origins = ensure(origins, len + 1);
          out.append(folded);
          origins[len++] = i;
        } else if (replacement != null) {
          origins = ensure(origins, len + replacement.length());
          out.append(replacement);
          for (int k = 0; k < replacement.length(); k++) {
            origins[len++] = i;
          }
        } else {
          origins = ensure(origins, len + width);
          out.appendCodePoint(cp);
          for (int k = 0; k < width; k++) {
            origins[len++] = i + k;
          }
        }
      }
      i += width;
    }
    return new NormalizedText(original, out.toString(), origins);
  }

  private static int[] ensure(int[] a, int size) {
    return size <= a.length ? a : java.util.Arrays.copyOf(a, Math.max(size, a.length * 2));
  }

  /** The text to match against. */
  public String text() {
    return text;
  }

  public String original() {
    return original;
  }

  /** True when the view differs from the original (something was dropped or folded). */
  public boolean changed() {
    return origins != null;
  }

  /** The original offset of view offset {@code index}; the original's length for the end of the view. */
  public int originalOffset(int index) {
    if (origins == null) {
      return index;
    }
    return index >= text.length() ? original.length() : origins[index];
  }

  /** The original end offset (exclusive) of a view span ending at {@code end} (exclusive). */
  public int originalEnd(int end) {
    if (origins == null || end <= 0) {
      return end;
    }
    if (end >= text.length()) {
      return original.length();
    }
    int last = origins[end - 1];
    return last + Character.charCount(original.codePointAt(last));
  }
}
