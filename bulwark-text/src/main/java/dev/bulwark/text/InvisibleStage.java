package dev.bulwark.text;

/**
 * Drops what renders as nothing but splits or disguises words: zero-width characters and joiners, the byte-order
 * mark, soft hyphens, bidirectional controls and marks, variation selectors, other format characters, Hangul fillers
 * and control characters (tab, line breaks and the other whitespace controls stay). Unicode tag characters are
 * decoded into the ASCII they spell, so instructions smuggled in tags are matched like visible ones.
 */
public final class InvisibleStage implements TextStage {
  @Override
  public String name() {
    return "invisible";
  }

  @Override
  public boolean mayChange(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80 ? (c < 0x20 && !isWhitespaceControl(c)) || c == 0x7F
          : Character.isSurrogate(c) ? Character.isHighSurrogate(c) && isInvisible(text.codePointAt(i)) : isInvisible(c)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void apply(String text, ViewBuilder out) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7F) {
        int run = i + 1;
        while (run < n && text.charAt(run) >= 0x20 && text.charAt(run) < 0x7F) {
          run++;
        }
        out.copy(i, run);
        i = run;
        continue;
      }
      int cp = text.codePointAt(i);
      int width = Character.charCount(cp);
      if (cp >= 0xE0020 && cp <= 0xE007E) {
        out.replace(i, i + width, (char) (cp - 0xE0000));
      } else if (isInvisible(cp)) {
        out.drop();
      } else {
        out.copyCodePoint(i);
      }
      i += width;
    }
  }

  private static boolean isWhitespaceControl(int c) {
    return c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85;
  }

  /** True for the code points this stage drops. */
  public static boolean isInvisible(int cp) {
    if (cp < 0xA0) {
      return (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) && !isWhitespaceControl(cp);
    }
    if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)) {
      return true; // variation selectors
    }
    if (cp >= 0xE0000 && cp <= 0xE007F) {
      return true; // tag characters that spell nothing (LANGUAGE TAG, CANCEL TAG)
    }
    return switch (cp) {
      // Default-ignorable letters and marks that Character.getType does not call FORMAT.
      case 0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180C, 0x180D, 0x180F, 0x3164, 0xFFA0 -> true;
      default -> Character.getType(cp) == Character.FORMAT; // ZW(N)J, ZWSP, BOM, soft hyphen, bidi controls, ...
    };
  }
}
