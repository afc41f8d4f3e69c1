package dev.bulwark.codeshield.taint;

import dev.bulwark.codeshield.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a statement that starts a function (or a lambda / callback) and reads its parameters: the taint pass
 * starts a fresh scope there, and a rule may treat the parameters as untrusted. Lexical, one pattern per language
 * family, run on the statement with string contents blanked.
 */
final class FunctionHeaders {
  /** One parameter: its name as written in the body ({@code $name} in PHP) and its whole declaration text. */
  record Parameter(String name, String declaration) {}

  private static final String PARAMS = "(?<params>(?:[^()]|\\((?:[^()]|\\([^()]*\\))*\\))*)";
  private static final Pattern PYTHON = Pattern.compile("^(?:async\\s+)?def\\s+\\w+\\s*\\(" + PARAMS + "\\)");
  // A header ends its statement (the body follows in braces): an arrow callback inside a statement opens no scope.
  private static final Pattern JAVASCRIPT = Pattern.compile(
      "(?:\\bfunction\\b\\s*\\*?\\s*[\\w$]*\\s*\\(" + PARAMS + "\\)(?:\\s*:[^=;]*)?|\\((?<aparams>[^()]*)\\)\\s*(?::\\s*[\\w<>\\[\\]|. ]+)?=>"
          + "|(?<single>[A-Za-z_$][\\w$]*)\\s*=>)\\s*$");
  private static final Pattern KEYWORD_FUNCTION = Pattern.compile(
      "\\b(?:fun|func|fn|function|def)\\b\\s*(?:\\([^()]*\\)\\s*)?(?:<[^>]*>\\s*)?&?[\\w.?!]*\\s*(?:<[^>]*>\\s*)?\\(" + PARAMS
          + "\\)[^;={}]*(?:=\\s*[^;{}]*)?$");
  private static final Pattern C_LIKE = Pattern.compile(
      "^(?:\\[[^\\]]*\\]\\s*|@\\w+(?:\\((?:[^()]|\\([^()]*\\))*\\))?\\s*)*(?:[\\w:<>,\\[\\]*&.?]+\\s+)+[*&]*(?<name>[\\w:~]+)\\s*\\("
          + PARAMS + "\\)\\s*(?:const\\b|noexcept\\b|override\\b|throws\\s+[\\w., ]+)?\\s*(?::.*)?$");
  private static final Pattern RUBY = Pattern.compile("^def\\s+[\\w.?!]+\\s*\\(?(?<params>[^)]*)\\)?");
  private static final Pattern ANNOTATION = Pattern.compile("@\\w+(?:\\((?:[^()]|\\([^()]*\\))*\\))?|\\[[^\\]]*\\]");
  private static final Pattern IDENT = Pattern.compile("\\$?[A-Za-z_][\\w]*");
  private static final Set<String> NOT_FUNCTIONS = Set.of("if", "while", "for", "foreach", "switch", "catch", "return",
      "new", "else", "sizeof", "typeof", "using", "lock", "fixed", "when", "synchronized", "elif", "throw");
  /** Words before a call that make it an expression statement, not a declaration ({@code throw new E(x)}). */
  private static final Pattern NOT_DECLARATION = Pattern.compile(
      "\\b(?:return|throw|new|else|await|yield|case|goto|delete|co_return|co_await|assert)\\b");
  private static final Set<String> NOT_PARAMETERS = Set.of("self", "cls", "this", "_", "const", "final", "mut", "var",
      "let", "val", "inout", "ref", "out", "in");

  /** Longer statements are not taken for headers (a header is a line or two; this bounds the regexes' work). */
  static final int MAX_HEADER_CHARS = 600;

  private FunctionHeaders() {}

  /** The parameters if {@code statement} starts a function, else null. */
  static List<Parameter> parameters(Language language, String statement, boolean opensBlock) {
    if (statement.indexOf('(') < 0 && statement.indexOf("=>") < 0) {
      return null; // every header form has a parameter list (or an arrow)
    }
    String params = switch (language) {
      case PYTHON -> group(PYTHON, statement, "params", null);
      case JAVASCRIPT, TYPESCRIPT -> {
        if (!statement.contains("=>") && !statement.contains("function")) {
          yield null;
        }
        Matcher m = JAVASCRIPT.matcher(statement);
        if (!m.find()) {
          yield null;
        }
        yield m.group("params") != null ? m.group("params") : m.group("aparams") != null ? m.group("aparams") : m.group("single");
      }
      case RUBY -> group(RUBY, statement, "params", null);
      case KOTLIN, SWIFT, GO, RUST, PHP -> group(KEYWORD_FUNCTION, statement, "params", null);
      case C, CPP, JAVA, CSHARP, OBJECTIVE_C -> {
        Matcher m = C_LIKE.matcher(statement);
        if (!opensBlock || !m.find()) { // without a body it is a call or a declaration: std::ifstream in(path);
          yield null;
        }
        String name = m.group("name");
        String bare = name.substring(name.lastIndexOf(':') + 1);
        boolean expression = NOT_DECLARATION.matcher(statement.substring(0, m.start("name"))).find();
        yield NOT_FUNCTIONS.contains(bare) || expression ? null : m.group("params");
      }
      default -> null;
    };
    if (params == null) {
      return null;
    }
    List<Parameter> out = new ArrayList<>();
    for (String declaration : Arguments.split(params)) {
      String name = nameOf(declaration, language);
      if (name != null && !NOT_PARAMETERS.contains(name)) {
        out.add(new Parameter(name, declaration.strip()));
      }
    }
    return out;
  }

  private static final Pattern NAMED_BEFORE_PARAMS = Pattern.compile("([A-Za-z_$][\\w$]*[?!]?)\\s*(?:<[^<>()]*>\\s*)?\\(");
  private static final Pattern JS_BOUND = Pattern.compile("^(?:export\\s+)?(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)\\s*(?::[^=]*)?=");

  /**
   * The name a function header declares ({@code def run_query(…)}, {@code func (s *S) load(…)},
   * {@code const render = (x) =>}), or null for an anonymous function: the word before the first parameter list that
   * is not a keyword.
   */
  static String name(Language language, String header) {
    if (isCallback(header)) {
      return null;
    }
    if (language == Language.JAVASCRIPT || language == Language.TYPESCRIPT) {
      Matcher bound = JS_BOUND.matcher(header);
      if (bound.find()) {
        return bound.group(1);
      }
    }
    Matcher m = NAMED_BEFORE_PARAMS.matcher(ANNOTATION.matcher(header).replaceAll(" "));
    while (m.find()) {
      String n = m.group(1);
      if (!NOT_FUNCTIONS.contains(n) && !KEYWORDS_BEFORE_NAME.contains(n)) {
        return n;
      }
    }
    return null;
  }

  /**
   * Whether a header is an argument of a call ({@code app.get('/x', (req, res) =>}, {@code http.HandleFunc("/",
   * func(w, r)}): a parenthesis is left open. Such a function has no name of its own (not {@code get}).
   */
  static boolean isCallback(String header) {
    int depth = 0;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
    }
    return depth > 0;
  }

  private static final Set<String> KEYWORDS_BEFORE_NAME = Set.of("def", "fun", "func", "fn", "function", "async");

  private static String group(Pattern p, String s, String group, String fallback) {
    Matcher m = p.matcher(s);
    return m.find() ? m.group(group) : fallback;
  }

  /**
   * The name in one parameter declaration: before the type annotation where types follow names ({@code name: T}),
   * the {@code $name} in PHP, the first word in Go and Ruby, else the last word before a default (C family).
   */
  static String nameOf(String declaration, Language language) {
    String d = ANNOTATION.matcher(declaration).replaceAll(" ");
    int eq = d.indexOf('=');
    if (eq >= 0) {
      d = d.substring(0, eq);
    }
    int dollar = d.indexOf('$');
    if (language == Language.PHP && dollar >= 0) {
      Matcher m = IDENT.matcher(d);
      return m.find(dollar) ? m.group() : null;
    }
    int colon = d.indexOf(':');
    if (colon >= 0 && !d.startsWith("::", colon)) {
      d = d.substring(0, colon);
      List<String> words = words(d);
      return words.isEmpty() ? null : words.get(words.size() - 1);
    }
    List<String> words = words(d);
    if (words.isEmpty()) {
      return null;
    }
    return language == Language.GO || language == Language.RUBY || language == Language.PYTHON
        || language == Language.JAVASCRIPT || language == Language.TYPESCRIPT ? words.get(0) : words.get(words.size() - 1);
  }

  private static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    Matcher m = IDENT.matcher(s);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }
}
