package dev.bulwark.codeshield.rules;

import java.util.Locale;

/** Which view of a block a regex runs on (see {@link dev.bulwark.codeshield.text.SourceMask}). */
public enum TextView {
  /** The text as written: for secrets and things that live in comments or strings. */
  RAW,
  /** Comments blanked out: the default. */
  CODE,
  /** Comments and string-literal contents blanked: for "is this argument a literal" tests. */
  NO_STRINGS;

  public static TextView parse(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "raw" -> RAW;
      case "code" -> CODE;
      case "no-strings", "code-without-strings" -> NO_STRINGS;
      default -> throw new IllegalArgumentException("unknown text view '" + s + "'; expected raw, code or no-strings");
    };
  }
}
