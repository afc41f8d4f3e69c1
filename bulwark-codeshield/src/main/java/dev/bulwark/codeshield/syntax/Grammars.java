package dev.bulwark.codeshield.syntax;

import dev.bulwark.codeshield.Language;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.treesitter.TSLanguage;
import org.treesitter.TreeSitterC;
import org.treesitter.TreeSitterCSharp;
import org.treesitter.TreeSitterCpp;
import org.treesitter.TreeSitterGo;
import org.treesitter.TreeSitterJava;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterKotlin;
import org.treesitter.TreeSitterPhp;
import org.treesitter.TreeSitterPython;
import org.treesitter.TreeSitterRuby;
import org.treesitter.TreeSitterRust;
import org.treesitter.TreeSitterSwift;
import org.treesitter.TreeSitterTypescript;

/**
 * The tree-sitter grammar of each language that has one. Grammars load lazily (each jar extracts its own native
 * library), once per JVM; a grammar whose native library cannot load is reported as absent, and its language is then
 * scanned with regex rules only.
 */
public final class Grammars {
  private static final Map<Language, Supplier<TSLanguage>> FACTORIES = new EnumMap<>(Language.class);
  private static final Map<Language, Optional<TSLanguage>> LOADED = new EnumMap<>(Language.class);
  private static final Map<Language, String> FAILURES = new EnumMap<>(Language.class);

  static {
    FACTORIES.put(Language.C, TreeSitterC::new);
    FACTORIES.put(Language.CPP, TreeSitterCpp::new);
    FACTORIES.put(Language.CSHARP, TreeSitterCSharp::new);
    FACTORIES.put(Language.JAVA, TreeSitterJava::new);
    FACTORIES.put(Language.JAVASCRIPT, TreeSitterJavascript::new);
    FACTORIES.put(Language.TYPESCRIPT, TreeSitterTypescript::new);
    FACTORIES.put(Language.PHP, TreeSitterPhp::new);
    FACTORIES.put(Language.PYTHON, TreeSitterPython::new);
    FACTORIES.put(Language.RUST, TreeSitterRust::new);
    FACTORIES.put(Language.GO, TreeSitterGo::new);
    FACTORIES.put(Language.KOTLIN, TreeSitterKotlin::new);
    FACTORIES.put(Language.RUBY, TreeSitterRuby::new);
    FACTORIES.put(Language.SWIFT, TreeSitterSwift::new);
  }

  private Grammars() {}

  /** Whether the language has a grammar at all (loaded or not). */
  public static boolean exists(Language language) {
    return FACTORIES.containsKey(language);
  }

  /** The loaded grammar, or empty when the language has none or its native library failed to load. */
  public static synchronized Optional<TSLanguage> of(Language language) {
    Optional<TSLanguage> g = LOADED.get(language);
    if (g != null) {
      return g;
    }
    Supplier<TSLanguage> f = FACTORIES.get(language);
    try {
      g = f == null ? Optional.empty() : Optional.of(f.get());
    } catch (LinkageError | RuntimeException e) {
      FAILURES.put(language, String.valueOf(e));
      g = Optional.empty();
    }
    LOADED.put(language, g);
    return g;
  }

  /** Why the grammar of {@code language} did not load, if it failed. */
  public static synchronized Optional<String> failure(Language language) {
    return Optional.ofNullable(FAILURES.get(language));
  }
}
