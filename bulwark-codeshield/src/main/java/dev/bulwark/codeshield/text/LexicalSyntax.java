package dev.bulwark.codeshield.text;

import dev.bulwark.codeshield.Language;

/**
 * How a language writes comments and string literals: just enough for {@link SourceMask} to blank them out without
 * a parser. The flags are deliberately coarse; where a language is ambiguous (a Rust lifetime or a char literal?) the
 * masker errs toward leaving code visible.
 */
public record LexicalSyntax(
    boolean slashComments,
    boolean hashComments,
    boolean hashNeedsWordStart,
    boolean nestedBlockComments,
    boolean tripleQuotes,
    boolean backtickStrings,
    boolean templateInterpolation,
    boolean multilineStrings,
    boolean rustStrings,
    boolean verbatimStrings,
    boolean xmlComments) {

  public static final LexicalSyntax C_FAMILY = new LexicalSyntax(true, false, false, false, false, false, false, false, false, false, false);
  public static final LexicalSyntax CSHARP = new LexicalSyntax(true, false, false, false, true, false, false, false, false, true, false);
  public static final LexicalSyntax JAVA = new LexicalSyntax(true, false, false, false, true, false, false, false, false, false, false);
  public static final LexicalSyntax JAVASCRIPT = new LexicalSyntax(true, false, false, false, false, true, true, false, false, false, false);
  public static final LexicalSyntax GO = new LexicalSyntax(true, false, false, false, false, true, false, false, false, false, false);
  public static final LexicalSyntax KOTLIN_SWIFT = new LexicalSyntax(true, false, false, true, true, false, false, false, false, false, false);
  public static final LexicalSyntax RUST = new LexicalSyntax(true, false, false, true, false, false, false, true, true, false, false);
  public static final LexicalSyntax PHP = new LexicalSyntax(true, true, false, false, false, false, false, true, false, false, false);
  public static final LexicalSyntax PYTHON = new LexicalSyntax(false, true, false, false, true, false, false, false, false, false, false);
  public static final LexicalSyntax RUBY = new LexicalSyntax(false, true, false, false, false, true, false, true, false, false, false);
  public static final LexicalSyntax SHELL = new LexicalSyntax(false, true, true, false, false, false, false, true, false, false, false);
  public static final LexicalSyntax XML = new LexicalSyntax(false, false, false, false, false, false, false, true, false, false, true);
  /** Unknown language: nothing is treated as a comment or string. */
  public static final LexicalSyntax NONE = new LexicalSyntax(false, false, false, false, false, false, false, false, false, false, false);

  public static LexicalSyntax of(Language language) {
    if (language == null) {
      return NONE;
    }
    return switch (language) {
      case C, CPP, OBJECTIVE_C -> C_FAMILY;
      case CSHARP -> CSHARP;
      case JAVA -> JAVA;
      case JAVASCRIPT, TYPESCRIPT -> JAVASCRIPT;
      case GO -> GO;
      case KOTLIN, SWIFT -> KOTLIN_SWIFT;
      case RUST -> RUST;
      case PHP -> PHP;
      case PYTHON -> PYTHON;
      case RUBY -> RUBY;
      case SHELL -> SHELL;
      case XML -> XML;
    };
  }
}
