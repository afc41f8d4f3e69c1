package dev.bulwark.codeshield.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits LLM output into code: CommonMark-style fenced blocks (``` or ~~~, three or more, indented at most three
 * spaces, with an info string whose first word is the language tag), or the whole text when it has no fence. A fence
 * that is never closed runs to the end of the text, as a renderer would show it. The prose between blocks is
 * returned separately so language-agnostic rules (leaked keys) can still see it.
 */
public final class FencedBlocks {
  private FencedBlocks() {}

  /** The result of splitting: code blocks in order, and the prose outside them. */
  public record Split(List<CodeBlock> blocks, List<CodeBlock> prose) {}

  public static Split split(String text) {
    List<CodeBlock> blocks = new ArrayList<>();
    List<CodeBlock> prose = new ArrayList<>();
    int n = text.length();
    int lineStart = 0;
    int proseStart = 0;
    while (lineStart < n) {
      int lineEnd = indexOfNewline(text, lineStart);
      Fence open = Fence.at(text, lineStart, lineEnd);
      if (open != null) {
        addProse(text, proseStart, lineStart, prose);
        int bodyStart = Math.min(n, lineEnd + 1);
        int cursor = bodyStart;
        int bodyEnd = n;
        int after = n;
        boolean closed = false;
        while (cursor < n) {
          int end = indexOfNewline(text, cursor);
          Fence close = Fence.at(text, cursor, end);
          if (close != null && close.closes(open)) {
            bodyEnd = cursor;
            after = Math.min(n, end + 1);
            closed = true;
            break;
          }
          cursor = end + 1;
        }
        int trimmedEnd = bodyEnd;
        if (closed && trimmedEnd > bodyStart && text.charAt(trimmedEnd - 1) == '\n') {
          trimmedEnd--; // the line break before the closing fence belongs to the fence
        }
        blocks.add(new CodeBlock(text.substring(bodyStart, Math.max(bodyStart, trimmedEnd)), bodyStart, open.tag(), true, closed));
        lineStart = after;
        proseStart = after;
        continue;
      }
      lineStart = lineEnd + 1;
    }
    if (blocks.isEmpty()) {
      return new Split(List.of(new CodeBlock(text, 0, null, false, true)), List.of());
    }
    addProse(text, proseStart, n, prose);
    return new Split(blocks, prose);
  }

  private static void addProse(String text, int from, int to, List<CodeBlock> prose) {
    if (to > from && !text.substring(from, to).isBlank()) {
      prose.add(new CodeBlock(text.substring(from, to), from, null, false, true));
    }
  }

  private static int indexOfNewline(String text, int from) {
    int i = text.indexOf('\n', from);
    return i < 0 ? text.length() : i;
  }

  /** One fence line: its character, length and info string. */
  public record Fence(char ch, int length, String tag, boolean bare) {
    /** The fence on the line {@code text[start, end)} (no line break), or null when the line is not one. */
    public static Fence at(CharSequence text, int start, int end) {
      int i = start;
      int indent = 0;
      while (i < end && text.charAt(i) == ' ' && indent < 4) {
        i++;
        indent++;
      }
      if (indent > 3 || i >= end) {
        return null;
      }
      char c = text.charAt(i);
      if (c != '`' && c != '~') {
        return null;
      }
      int j = i;
      while (j < end && text.charAt(j) == c) {
        j++;
      }
      int len = j - i;
      if (len < 3) {
        return null;
      }
      String info = text.subSequence(j, end).toString().strip();
      if (c == '`' && info.indexOf('`') >= 0) {
        return null; // not a fence: inline code such as ```x``` on one line
      }
      return new Fence(c, len, tagOf(info), info.isEmpty());
    }

    /** Whether this line closes the block {@code open} opened. */
    public boolean closes(Fence open) {
      return bare && ch == open.ch && length >= open.length;
    }

    /** The language word of an info string: "python title=x", "{.python}", "lang-js", "python:main.py". */
    private static String tagOf(String info) {
      if (info.isEmpty()) {
        return null;
      }
      String word = info.split("[\\s,{}]+", 3)[0];
      if (word.isEmpty() && info.split("[\\s,{}]+").length > 1) {
        word = info.split("[\\s,{}]+")[1];
      }
      word = word.replaceFirst("^\\.", "").replaceFirst("^(?:lang|language)-", "");
      int colon = word.indexOf(':');
      if (colon > 0) {
        word = word.substring(0, colon);
      }
      return word.isEmpty() ? null : word;
    }
  }
}
