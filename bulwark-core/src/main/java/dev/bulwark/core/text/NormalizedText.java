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
    int[] origins = new int[n + 16];
    out.append(original, 0, i);
    for (int k = 0; k < i; k++) {
      origins[k] = k;
    }
    int len = i;
    while (i < n) {
      char c = original.charAt(i);
      if (c < 0x80) {
        // Runs of ASCII are copied as they are: the common case inside mixed text.
        int runEnd = i + 1;
        while (runEnd < n && original.charAt(runEnd) < 0x80) {
          runEnd++;
        }
        origins = ensure(origins, len + runEnd - i);
        out.append(original, i, runEnd);
        for (int k = i; k < runEnd; k++) {
          origins[len++] = k;
        }
        i = runEnd;
        continue;
      }
      int cp = Character.isHighSurrogate(c) ? original.codePointAt(i) : c;
      int width = Character.charCount(cp);
      if (!Invisibles.isIgnorable(cp)) {
        char folded = Confusables.homoglyph(cp);
        String replacement = folded == 0 && Confusables.isCompatibilityForm(cp) ? Confusables.compatibilityForm(cp) : null;
        origins = ensure(origins, len + 4);
        if (folded != 0) {
          out.append(folded);
          origins[len++] = i;
        } else if (replacement != null) {
          origins = ensure(origins, len + replacement.length());
          out.append(replacement);
          for (int k = 0; k < replacement.length(); k++) {
            origins[len++] = i;
          }
        } else {
          out.append(c);
          origins[len++] = i;
          if (width == 2) {
            out.append(original.charAt(i + 1));
            origins[len++] = i + 1;
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
