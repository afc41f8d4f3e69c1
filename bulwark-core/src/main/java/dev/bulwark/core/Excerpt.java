package dev.bulwark.core;

/**
 * Short, log-safe excerpts of user text for reasons and messages.
 *
 * <p>LlamaFirewall echoes the whole input in its block reasons, which leaks user data into logs. Bulwark's reasons
 * carry at most a short excerpt; control characters, invisible characters and lone surrogates are shown as
 * {@code \\uXXXX} escapes so an excerpt can neither hide text nor break a JSON or terminal writer.
 */
public final class Excerpt {
  /** The default maximum length of an excerpt, in characters, before the ellipsis. */
  public static final int DEFAULT_LENGTH = 60;

  private Excerpt() {}

  public static String of(CharSequence text) {
    return of(text, DEFAULT_LENGTH);
  }

  public static String of(CharSequence text, int maxLength) {
    if (text == null) {
      return "";
    }
    return of(text, 0, text.length(), maxLength);
  }

  /** An excerpt of {@code text[start, end)}, clamped to the text and cut at {@code maxLength} characters. */
  public static String of(CharSequence text, int start, int end, int maxLength) {
    int from = Math.max(0, Math.min(start, text.length()));
    int to = Math.max(from, Math.min(end, text.length()));
    StringBuilder out = new StringBuilder(Math.min(to - from, maxLength) + 8);
    int shown = 0;
    for (int i = from; i < to; i++) {
      if (shown >= maxLength) {
        out.append('…');
        break;
      }
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, text.charAt(i + 1));
        if (isVisible(cp)) {
          out.append(c).append(text.charAt(i + 1));
        } else {
          out.append(String.format("\\u{%X}", cp));
        }
        i++;
      } else if (Character.isSurrogate(c) || !isVisible(c)) {
        out.append(c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
      shown++;
    }
    return out.toString();
  }

  private static boolean isVisible(int cp) {
    int type = Character.getType(cp);
    return type != Character.CONTROL
        && type != Character.FORMAT
        && type != Character.UNASSIGNED
        && type != Character.PRIVATE_USE
        && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR;
  }
}
