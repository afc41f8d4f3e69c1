package dev.bulwark.codeshield.text;

/**
 * Two views of a source text with the same length and line breaks as the original, so offsets carry over unchanged:
 * {@link #code()} has comments blanked out, {@link #codeWithoutStrings()} also has the contents of string literals
 * blanked (the quotes stay, so a rule can still see that an argument is a literal). Rules match against a view, never
 * against commented-out code.
 *
 * <p>A small hand-written lexer, not a parser: linear time, no backtracking, and tolerant of unbalanced input
 * (an unterminated single-line string ends at the line break).
 */
public final class SourceMask {
  private final String original;
  private final String code;
  private final String codeWithoutStrings;
  private final int orphanPrefix;

  private SourceMask(String original, String code, String codeWithoutStrings, int orphanPrefix) {
    this.original = original;
    this.code = code;
    this.codeWithoutStrings = codeWithoutStrings;
    this.orphanPrefix = orphanPrefix;
  }

  public static SourceMask of(String text, LexicalSyntax syntax) {
    if (syntax == LexicalSyntax.NONE) {
      return new SourceMask(text, text, text, 0);
    }
    Lexer lexer = new Lexer(text, syntax);
    lexer.run(0);
    int prefix = 0;
    boolean prefixIsComment = false;
    // Code cut out of a file may start inside a docstring or a block comment: a comment closer before any opener,
    // or an unterminated triple-quoted string at the end, says so. Then lex again with the text up to the first
    // delimiter taken as the tail of that comment or string (for strings: only if that leaves less text blanked).
    int close = syntax.slashComments() ? text.indexOf("*/") : -1;
    if (close >= 0 && text.lastIndexOf("/*", close) < 0) {
      prefix = close + 2;
      prefixIsComment = true;
      lexer = new Lexer(text, syntax);
      lexer.run(prefix);
    } else if (syntax.tripleQuotes() && syntax.hashComments()) {
      int first = firstTripleQuote(text);
      if (first >= 0 && looksLikeCloser(text, first)) {
        prefix = first + 3;
        lexer = new Lexer(text, syntax);
        lexer.run(prefix);
      }
    }
    for (int i = 0; i < prefix; i++) {
      lexer.blank(i, prefixIsComment);
    }
    return new SourceMask(text, new String(lexer.code), new String(lexer.noStrings), prefix);
  }

  private static final java.util.regex.Pattern BLOCK_HEADER = java.util.regex.Pattern.compile(
      "(?:async\\s+)?(?:def|class|if|elif|else|for|while|try|except|finally|with|match|case|lambda)\\b.*:");
  private static final java.util.regex.Pattern CODE_LINE = java.util.regex.Pattern.compile(
      "^[\\w.\\[\\]]+\\s*[-+*/]?=[^=]|^(?:import|from|return|if|for|while|def|class|try|with)\\b|\\w\\(.*\\)$");

  private static int firstTripleQuote(String text) {
    int a = text.indexOf("\"\"\"");
    int b = text.indexOf("'''");
    return a < 0 ? b : b < 0 ? a : Math.min(a, b);
  }

  /**
   * Whether the first triple quote of a Python text closes a docstring that began before the text: it follows prose
   * (on its line, or alone on a line after a line that does not open a block or an expression).
   */
  static boolean looksLikeCloser(String text, int at) {
    int lineEnd = text.indexOf('\n', at);
    int again = text.indexOf(text.substring(at, at + 3), at + 3);
    if (again >= 0 && (lineEnd < 0 || again < lineEnd)) {
      return false; // """a one-line docstring""" opens and closes here
    }
    int lineStart = text.lastIndexOf('\n', at - 1) + 1;
    String before = text.substring(lineStart, at).strip();
    if (!before.isEmpty()) {
      return !before.matches("(?s).*(?:[=(\\[{,:+%]|\\breturn|\\byield|\\bprint)\\s*[rRbBuUfF]{0,2}$");
    }
    int end = lineStart - 1;
    while (end > 0) {
      int prevStart = text.lastIndexOf('\n', end - 1) + 1;
      String prev = text.substring(prevStart, end).strip();
      if (!prev.isEmpty()) {
        return !(BLOCK_HEADER.matcher(prev).matches() || prev.endsWith("(") || prev.endsWith(",") || prev.endsWith("=")
            || prev.endsWith("[") || prev.endsWith("{") || prev.startsWith("#") || prev.startsWith("@"));
      }
      end = prevStart - 1;
    }
    // The text starts with the delimiter: a closer if code follows, an opener if prose does.
    int nextStart = text.indexOf('\n', at);
    while (nextStart >= 0 && nextStart + 1 < text.length()) {
      int nextEnd = text.indexOf('\n', nextStart + 1);
      String next = text.substring(nextStart + 1, nextEnd < 0 ? text.length() : nextEnd).strip();
      if (!next.isEmpty()) {
        return CODE_LINE.matcher(next).find();
      }
      nextStart = nextEnd;
    }
    return false;
  }

  /**
   * The original text with an orphan prefix (the tail of a string or comment that began before the text) blanked,
   * so a parser does not take it for code: same length and line breaks.
   */
  public String parseable() {
    if (orphanPrefix == 0) {
      return original;
    }
    char[] out = original.toCharArray();
    for (int i = 0; i < orphanPrefix; i++) {
      if (out[i] != '\n' && out[i] != '\r') {
        out[i] = ' ';
      }
    }
    return new String(out);
  }

  public String original() {
    return original;
  }

  public String code() {
    return code;
  }

  public String codeWithoutStrings() {
    return codeWithoutStrings;
  }

  private static final class Lexer {
    private final String s;
    private final LexicalSyntax syn;
    final char[] code;
    final char[] noStrings;
    private final int n;
    /** Brace depths of open JS template interpolations, innermost last. */
    private int[] templateDepths = new int[8];
    private int templates;
    private int braceDepth;

    Lexer(String s, LexicalSyntax syn) {
      this.s = s;
      this.syn = syn;
      this.code = s.toCharArray();
      this.noStrings = s.toCharArray();
      this.n = s.length();
    }

    /** Where an unterminated triple-quoted string began, or -1. */
    int unterminatedTripleAt = -1;

    void run(int from) {
      int i = from;
      while (i < n) {
        char c = s.charAt(i);
        if (syn.xmlComments() && s.startsWith("<!--", i)) {
          i = blockComment(i, 4, "-->", false);
        } else if (syn.slashComments() && c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
          i = lineComment(i);
        } else if (syn.slashComments() && c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
          i = blockComment(i, 2, "*/", syn.nestedBlockComments());
        } else if (syn.hashComments() && c == '#' && isHashComment(i)) {
          i = lineComment(i);
        } else if (syn.tripleQuotes() && (c == '"' || c == '\'') && s.startsWith(c == '"' ? "\"\"\"" : "'''", i)
            && (c == '"' || syn.hashComments())) {
          i = tripleString(i, c);
        } else if (syn.rustStrings() && (c == 'r' || c == 'b') && rawRustStringStart(i) > 0) {
          i = rawRustString(i);
        } else if (syn.verbatimStrings() && c == '@' && i + 1 < n && s.charAt(i + 1) == '"') {
          i = verbatimString(i + 1);
        } else if (c == '"') {
          i = string(i, '"', syn.multilineStrings(), true);
        } else if (c == '\'') {
          i = singleQuote(i);
        } else if (c == '`' && syn.backtickStrings()) {
          i = string(i, '`', true, syn.templateInterpolation());
        } else if (templates > 0 && c == '{') {
          braceDepth++;
          i++;
        } else if (templates > 0 && c == '}') {
          if (braceDepth == templateDepths[templates - 1]) {
            templates--;
            i = string(i, '`', true, true); // back inside the template literal
          } else {
            braceDepth--;
            i++;
          }
        } else {
          i++;
        }
      }
    }

    private boolean isHashComment(int i) {
      if (syn.slashComments() && i + 1 < n && s.charAt(i + 1) == '[') {
        return false; // PHP 8 attribute #[...]
      }
      if (syn == LexicalSyntax.RUBY && i + 1 < n && s.charAt(i + 1) == '{') {
        return false; // Ruby interpolation #{...} in a backtick command or %x{} literal
      }
      if (syn.hashNeedsWordStart() && i > 0) {
        char p = s.charAt(i - 1);
        return Character.isWhitespace(p) || p == ';' || p == '|' || p == '&' || p == '(';
      }
      return true;
    }

    private int lineComment(int i) {
      while (i < n && s.charAt(i) != '\n') {
        blank(i, true);
        i++;
      }
      return i;
    }

    private int blockComment(int i, int openLength, String close, boolean nested) {
      int depth = 1;
      for (int k = 0; k < openLength; k++) {
        blank(i++, true);
      }
      while (i < n) {
        if (s.startsWith(close, i)) {
          for (int k = 0; k < close.length(); k++) {
            blank(i++, true);
          }
          if (--depth == 0) {
            return i;
          }
        } else if (nested && s.startsWith("/*", i)) {
          depth++;
          blank(i++, true);
          blank(i++, true);
        } else {
          blank(i++, true);
        }
      }
      return i;
    }

    private int tripleString(int i, char q) {
      String delim = String.valueOf(q).repeat(3);
      int start = i;
      i += 3;
      while (i < n && !s.startsWith(delim, i)) {
        if (s.charAt(i) == '\\' && i + 1 < n) {
          blank(i++, false);
        }
        blank(i++, false);
      }
      if (i >= n && unterminatedTripleAt < 0) {
        unterminatedTripleAt = start;
      }
      return Math.min(n, i + 3);
    }

    private int rawRustStringStart(int i) {
      if (i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_')) {
        return 0;
      }
      int j = i;
      if (s.charAt(j) == 'b') {
        j++;
      }
      if (j >= n || s.charAt(j) != 'r') {
        return 0;
      }
      j++;
      int hashes = 0;
      while (j < n && s.charAt(j) == '#') {
        j++;
        hashes++;
      }
      return j < n && s.charAt(j) == '"' ? j - i + 1 : 0;
    }

    private int rawRustString(int i) {
      int open = rawRustStringStart(i);
      int hashes = 0;
      for (int k = i; k < i + open; k++) {
        if (s.charAt(k) == '#') {
          hashes++;
        }
      }
      String close = "\"" + "#".repeat(hashes);
      i += open;
      while (i < n && !s.startsWith(close, i)) {
        blank(i++, false);
      }
      return Math.min(n, i + close.length());
    }

    private int verbatimString(int i) {
      i++; // opening quote
      while (i < n) {
        if (s.charAt(i) == '"') {
          if (i + 1 < n && s.charAt(i + 1) == '"') {
            blank(i++, false);
            blank(i++, false);
            continue;
          }
          return i + 1;
        }
        blank(i++, false);
      }
      return i;
    }

    private int singleQuote(int i) {
      if (syn.rustStrings()) {
        // 'a' and '\n' are chars; 'a without a closing quote two chars on is a lifetime.
        boolean isChar = (i + 1 < n && s.charAt(i + 1) == '\\') || (i + 2 < n && s.charAt(i + 2) == '\'');
        if (!isChar) {
          return i + 1;
        }
      }
      boolean escapes = !syn.hashNeedsWordStart(); // shell single quotes have no escapes
      return string(i, '\'', syn.multilineStrings(), escapes);
    }

    /** Masks the string starting at the quote at {@code i} (or resuming after a template's closing brace). */
    private int string(int i, char quote, boolean multiline, boolean escapes) {
      i++;
      while (i < n) {
        char c = s.charAt(i);
        if (c == '\\' && escapes && quote != '`' || c == '\\' && quote == '`' && syn.templateInterpolation()) {
          blank(i++, false);
          if (i < n && s.charAt(i) != '\n') {
            blank(i++, false);
          }
          continue;
        }
        if (c == quote) {
          return i + 1;
        }
        if (c == '\n' && !multiline) {
          return i;
        }
        if (quote == '`' && syn.templateInterpolation() && c == '$' && i + 1 < n && s.charAt(i + 1) == '{') {
          if (templates == templateDepths.length) {
            templateDepths = java.util.Arrays.copyOf(templateDepths, templates * 2);
          }
          templateDepths[templates++] = braceDepth;
          return i + 2;
        }
        blank(i++, false);
      }
      return i;
    }

    void blank(int i, boolean comment) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r') {
        return;
      }
      noStrings[i] = ' ';
      if (comment) {
        code[i] = ' ';
      }
    }
  }
}
