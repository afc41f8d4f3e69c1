package dev.bulwark.text;

/** Fast checks shared by the stages: most text is ASCII, and every stage but one leaves ASCII alone. */
final class Ascii {
  private Ascii() {}

  static boolean isAscii(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** Copies the run of ASCII characters that starts at {@code from} unchanged; returns where it ends. */
  static int copyRun(String text, int from, ViewBuilder out) {
    int end = from + 1;
    while (end < text.length() && text.charAt(end) < 0x80) {
      end++;
    }
    out.copy(from, end);
    return end;
  }

  static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
