package dev.bulwark.core.text;

/**
 * Classifies the code points that render as nothing, or that change how surrounding text renders: the raw material
 * of smuggled instructions and Trojan Source.
 */
public final class Invisibles {
  private Invisibles() {}

  /** Unicode tag characters (U+E0000–U+E007F): invisible twins of ASCII. */
  public static boolean isTag(int cp) {
    return cp >= 0xE0000 && cp <= 0xE007F;
  }

  /** Zero-width and other default-ignorable characters that carry no visible glyph. */
  public static boolean isZeroWidth(int cp) {
    return switch (cp) {
      case 0x200B, 0x200C, 0x200D, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF, 0x180E, 0x00AD, 0x034F,
          0x115F, 0x1160, 0x3164, 0xFFA0, 0x17B4, 0x17B5 -> true;
      default -> false;
    };
  }

  /** Bidirectional embedding, override and isolate controls (not the marks LRM/RLM/ALM, which RTL text uses). */
  public static boolean isBidiControl(int cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
  }

  /** Bidi marks: legitimate in right-to-left text, stripped when normalising. */
  public static boolean isBidiMark(int cp) {
    return cp == 0x200E || cp == 0x200F || cp == 0x061C;
  }

  /** Variation selectors VS1–VS16 and VS17–VS256. */
  public static boolean isVariationSelector(int cp) {
    return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
  }

  /** The byte a variation selector encodes in "emoji smuggling": VS1–16 → 0–15, VS17–256 → 16–255. */
  public static int variationSelectorByte(int cp) {
    return cp <= 0xFE0F ? cp - 0xFE00 : cp - 0xE0100 + 16;
  }

  /** Anything a normalised view of the text should drop. */
  public static boolean isIgnorable(int cp) {
    return isTag(cp) || isZeroWidth(cp) || isBidiControl(cp) || isBidiMark(cp) || isVariationSelector(cp);
  }
}
