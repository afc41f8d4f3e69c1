package dev.bulwark.codeshield.taint;

import dev.bulwark.codeshield.Language;
import dev.bulwark.text.LineIndex;
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
