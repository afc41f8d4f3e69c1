package dev.bulwark.codeshield;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The languages Code Shield knows. The {@link #id()} is the lower-case name of the batch contract ({@code c},
 * {@code cpp}, {@code csharp}, ...); aliases cover fence tags and common spellings ({@code py}, {@code c++},
 * {@code golang}, ...).
 */
public enum Language {
  C("c", "c", "h"),
  CPP("cpp", "cpp", "c++", "cc", "cxx", "hpp", "hxx", "hh"),
  CSHARP("csharp", "cs", "c#", "c-sharp", "dotnet"),
  JAVA("java", "java"),
  JAVASCRIPT("javascript", "js", "jsx", "node", "nodejs", "mjs", "cjs", "ecmascript"),
  TYPESCRIPT("typescript", "ts", "tsx", "mts", "cts"),
  PHP("php", "php", "php5", "php7", "php8"),
  PYTHON("python", "py", "python3", "python2", "py3", "pyw", "ipython", "jupyter"),
  RUST("rust", "rs"),
  GO("go", "golang"),
  KOTLIN("kotlin", "kt", "kts"),
  RUBY("ruby", "rb", "erb", "rake"),
  SWIFT("swift", "swift"),
  SHELL("shell", "sh", "bash", "zsh", "ksh", "console", "shell-session", "shellscript", "terminal", "dash"),
  OBJECTIVE_C("objective_c", "objc", "objective-c", "objectivec", "obj-c", "m", "mm", "objective-c++"),
  XML("xml", "xml", "html", "xhtml", "plist", "config", "csproj");

  private static final Map<String, Language> BY_NAME = new HashMap<>();

  static {
    for (Language l : values()) {
      BY_NAME.put(l.id, l);
      BY_NAME.put(l.name().toLowerCase(Locale.ROOT), l);
      for (String a : l.aliases) {
        BY_NAME.put(a, l);
      }
    }
  }

  private final String id;
  private final List<String> aliases;

  Language(String id, String... aliases) {
    this.id = id;
    this.aliases = List.of(aliases);
  }

  /** The contract's lower-case name, e.g. {@code objective_c}. */
  public String id() {
    return id;
  }

  /** Other names accepted for this language (fence tags, file extensions). */
  public List<String> aliases() {
    return aliases;
  }

  /** The language named by an id, alias or fence tag (case-insensitive), if any. */
  public static Optional<Language> fromName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String key = name.trim().toLowerCase(Locale.ROOT);
    if (key.startsWith(".")) {
      key = key.substring(1);
    }
    return Optional.ofNullable(BY_NAME.get(key));
  }

  /** The language named by {@code name}, or an {@link IllegalArgumentException} listing the accepted ids. */
  public static Language parse(String name) {
    return fromName(name).orElseThrow(() -> new IllegalArgumentException(
        "unknown language '" + name + "'; expected one of " + allIds() + " (or an alias such as py, js, c++)"));
  }

  public static String allIds() {
    return String.join(", ", Arrays.stream(values()).map(Language::id).toList());
  }

  @Override
  public String toString() {
    return id;
  }
}
