package dev.bulwark.codeshield.taint;

import dev.bulwark.codeshield.Language;
import dev.bulwark.codeshield.text.LineIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * What every taint rule of one block shares, worked out once: the masked views, the statements, which of them start a
 * function (and with which parameters), and the import aliases. Built lazily by the first taint rule whose sinks occur.
 */
public final class TaintBlock {
  private static final List<FunctionHeaders.Parameter> NOT_A_HEADER = List.of();

  final Language language;
  final String code;
  final String noStrings;
  final LineIndex lines;
  private Aliases aliases;
  private List<Statements.Span> statements;
  private List<List<FunctionHeaders.Parameter>> headers;

  /**
   * @param code the block with comments blanked
   * @param noStrings the block with comments and string contents blanked (same length)
   */
  public TaintBlock(Language language, String code, String noStrings, LineIndex lines) {
    this.language = language;
    this.code = code;
    this.noStrings = noStrings;
    this.lines = lines;
  }

  /** Whether the block renames imports (then a sink may be spelled differently from its pattern). */
  public boolean hasAliases() {
    return !aliases().isEmpty();
  }

  Aliases aliases() {
    if (aliases == null) {
      aliases = Aliases.of(language, code);
    }
    return aliases;
  }

  List<Statements.Span> statements() {
    if (statements == null) {
      statements = Statements.of(noStrings);
    }
    return statements;
  }

  private java.util.Map<String, Integer> calls;
  private List<Function> calledFunctions;

  /**
   * A named function of the block: its header statement, the index after its body's last statement, and its text's
   * offsets.
   */
  record Function(String name, int header, int bodyEnd, int start, int end) {}

  /** At most this many functions of a block are candidates for summaries. */
  static final int MAX_CANDIDATES = 128;

  /**
   * The block's named functions that are called elsewhere in it, in text order, worked out once for every taint rule;
   * bounded for hostile blocks (at most {@link #MAX_CANDIDATES}, bodies adding up to twice the block's statements).
   */
  List<Function> calledFunctions() {
    if (calledFunctions == null) {
      List<Function> out = new ArrayList<>();
      List<Statements.Span> all = statements();
      long work = 0;
      long maxWork = 2L * all.size() + 1_000;
      for (int i = 0; i < all.size() && out.size() < MAX_CANDIDATES; i++) {
        String name = functionName(i);
        if (name == null || !calledElsewhere(name, all.get(i))) {
          continue;
        }
        int end = bodyEnd(i);
        if (work + (end - i) > maxWork) {
          break;
        }
        work += end - i;
        out.add(new Function(name, i, end, all.get(i).start(), all.get(end - 1).end()));
      }
      calledFunctions = List.copyOf(out);
    }
    return calledFunctions;
  }

  /** Whether {@code name(} occurs in the block outside the function's own header. */
  private boolean calledElsewhere(String name, Statements.Span header) {
    int inHeader = 0;
    for (int at = noStrings.indexOf(name, header.start()); at >= 0 && at < header.end(); at = noStrings.indexOf(name, at + 1)) {
      int after = at + name.length();
      while (after < header.end() && noStrings.charAt(after) == ' ') {
        after++;
      }
      if (after < header.end() && noStrings.charAt(after) == '('
          && (at == 0 || !Character.isJavaIdentifierPart(noStrings.charAt(at - 1)))) {
        inHeader = 1;
        break;
      }
    }
    return callsOf(name) > inHeader;
  }

  /** How often {@code name(} occurs in the block (as a call or a header), counted once per block in one pass. */
  int callsOf(String name) {
    if (calls == null) {
      calls = new java.util.HashMap<>();
      int n = noStrings.length();
      int i = 0;
      while (i < n) {
        char c = noStrings.charAt(i);
        if (Character.isJavaIdentifierStart(c) && (i == 0 || !Character.isJavaIdentifierPart(noStrings.charAt(i - 1)))) {
          int end = i + 1;
          while (end < n && Character.isJavaIdentifierPart(noStrings.charAt(end))) {
            end++;
          }
          int k = end;
          while (k < n && noStrings.charAt(k) == ' ') {
            k++;
          }
          if (k < n && noStrings.charAt(k) == '(' && calls.size() < 100_000) {
            calls.merge(noStrings.substring(i, end), 1, Integer::sum);
          }
          i = end;
        } else {
          i++;
        }
      }
    }
    return calls.getOrDefault(name, 0);
  }

  /** The name the function starting at statement {@code i} declares, or null (anonymous, or not a header). */
  String functionName(int i) {
    Statements.Span s = statements().get(i);
    return parameters(i) == null ? null : FunctionHeaders.name(language, noStrings.substring(s.start(), s.end()));
  }

  /**
   * The index after the last statement of the body of the function whose header is statement {@code i}: up to the
   * brace matching the one after the header, or (Python, Ruby) up to the first line indented no deeper than the header.
   */
  int bodyEnd(int i) {
    List<Statements.Span> all = statements();
    Statements.Span header = all.get(i);
    int endOffset;
    if (language == Language.PYTHON || language == Language.RUBY) {
      int indent = indentOf(header.start());
      int j = i + 1;
      while (j < all.size() && indentOf(all.get(j).start()) > indent) {
        j++;
      }
      return j;
    }
    int open = header.end();
    while (open < noStrings.length() && Character.isWhitespace(noStrings.charAt(open))) {
      open++;
    }
    if (open >= noStrings.length() || noStrings.charAt(open) != '{') {
      return i + 1; // no body in braces (an expression body, a declaration): nothing to summarise
    }
    int depth = 0;
    endOffset = noStrings.length();
    for (int k = open; k < noStrings.length(); k++) {
      char c = noStrings.charAt(k);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        endOffset = k;
        break;
      }
    }
    int j = i + 1;
    while (j < all.size() && all.get(j).start() < endOffset) {
      j++;
    }
    return j;
  }

  /** Columns of blank before the first character of the line holding {@code offset}. */
  private int indentOf(int offset) {
    int lineStart = offset;
    while (lineStart > 0 && noStrings.charAt(lineStart - 1) != '\n') {
      lineStart--;
    }
    int k = lineStart;
    while (k < noStrings.length() && (noStrings.charAt(k) == ' ' || noStrings.charAt(k) == '\t')) {
      k++;
    }
    return k - lineStart;
  }

  /** The parameters if statement {@code i} starts a function, else null. */
  List<FunctionHeaders.Parameter> parameters(int i) {
    if (headers == null) {
      headers = new ArrayList<>(statements().size());
      for (Statements.Span s : statements()) {
        List<FunctionHeaders.Parameter> p = s.end() - s.start() > FunctionHeaders.MAX_HEADER_CHARS ? null
            : FunctionHeaders.parameters(language, noStrings.substring(s.start(), s.end()), s.opensBlock());
        headers.add(p == null ? NOT_A_HEADER : p);
      }
    }
    List<FunctionHeaders.Parameter> p = headers.get(i);
    return p == NOT_A_HEADER ? null : p;
  }
}
