package dev.bulwark.llm.embedded;

/**
 * Text that native code can take: unpaired UTF-16 surrogates (what undecodable input can leave in a Java string)
 * become U+FFFD, so the tokenizer, which works on UTF-8, never sees an invalid string.
 */
public final class Sanitised {
  private Sanitised() {}

  public static String text(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean paired = Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
          : !Character.isLowSurrogate(c) || (i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
      if (!paired && out == null) {
        out = new StringBuilder(s.length());
        out.append(s, 0, i);
      }
      if (out != null) {
        out.append(paired ? c : '\uFFFD');
      }
    }
    return out == null ? s : out.toString();
  }
}
