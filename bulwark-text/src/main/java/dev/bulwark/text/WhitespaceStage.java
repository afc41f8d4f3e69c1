package dev.bulwark.text;

/**
 * Tidies horizontal space for the classifiers: a run of spaces, tabs, carriage returns and other space characters
 * becomes one space, and none is kept at the start or end of the text or of a line. Line breaks stay (sentence and
 * window segmentation reads them). Indentation and padding carry no meaning a classifier should learn, and n-gram
 * features would otherwise count each width of padding as a different token.
 */
public final class WhitespaceStage implements TextStage {
  @Override
  public String name() {
    return "whitespace";
  }

  @Override
  public boolean mayChange(String text) {
    int n = text.length();
    if (n == 0) {
      return false;
    }
    if (isSpace(text.charAt(0)) || isSpace(text.charAt(n - 1))) {
      return true;
    }
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (isSpace(c) && (c != ' ' || (i + 1 < n && (isSpace(text.charAt(i + 1)) || text.charAt(i + 1) == '\n'))
          || (i > 0 && text.charAt(i - 1) == '\n'))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void apply(String text, ViewBuilder out) {
    int n = text.length();
    boolean lineStart = true;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (!isSpace(c)) {
        out.copy(i, i + 1);
        lineStart = c == '\n';
        i++;
        continue;
      }
      int end = i + 1;
      while (end < n && isSpace(text.charAt(end))) {
        end++;
      }
      boolean lineEnd = end == n || text.charAt(end) == '\n';
      if (lineStart || lineEnd) {
        out.drop();
      } else if (end - i == 1 && c == ' ') {
        out.copy(i, end);
      } else {
        out.replace(i, end, ' ');
      }
      i = end;
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\u000B' || c == '\f'
        || (c >= 0x80 && c != '\n' && (Character.isSpaceChar(c) || Character.isWhitespace(c)));
  }
}
