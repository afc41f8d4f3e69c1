package dev.bulwark.codeshield;

import dev.bulwark.codeshield.detect.LanguageDetector;
import dev.bulwark.codeshield.extract.CodeBlock;
import dev.bulwark.codeshield.extract.FencedBlocks;
import dev.bulwark.codeshield.rules.RawFinding;
import dev.bulwark.codeshield.taint.TaintFlow;
import dev.bulwark.codeshield.rules.Rule;
import dev.bulwark.codeshield.rules.RuleEngine;
import dev.bulwark.codeshield.rules.RuleLoader;
import dev.bulwark.codeshield.syntax.SyntaxParser;
import dev.bulwark.text.LineIndex;
import dev.bulwark.core.Excerpt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Finds insecure code in LLM output: splits the text into fenced blocks (or takes it whole), gives each block a
 * language (the caller's, the fence tag's, or a detected one), runs that language's rules plus the language-agnostic
 * ones, and reports issues with lines and columns in the original text.
 *
 * <p>Build once (rules are compiled in the constructor) and share: {@link #scan} is thread-safe.
 *
 * <pre>{@code
 * CodeShield shield = CodeShield.create();
 * CodeShieldResult r = shield.scan("import os\nos.system('rm -rf ' + path)", "python");
 * }</pre>
 */
public final class CodeShield {
  /** Tags that mean "not code": a block tagged so gets the language-agnostic rules only, without detection. */
  private static final Set<String> PLAIN_TAGS = Set.of("text", "txt", "plaintext", "plain", "output", "log", "none",
      "markdown", "md", "json", "yaml", "yml", "toml", "ini", "csv", "diff", "sql", "graphql", "dockerfile", "makefile");

  /** Text beyond this many chars is not scanned unless the builder says otherwise. */
  public static final int DEFAULT_MAX_INPUT_CHARS = 16 * 1024 * 1024;
  /** Blocks larger than this get regex rules only (no syntax tree) unless the builder says otherwise. */
  public static final int DEFAULT_MAX_PARSE_CHARS = 512 * 1024;

  private final List<Rule> rules;
  private final RuleEngine engine;
  private final LanguageDetector detector;
  private final TreatmentPolicy policy;
  private final int maxInputChars;

  private CodeShield(Builder b) {
    List<Rule> all = new ArrayList<>(b.rules != null ? b.rules : RuleLoader.builtIn());
    for (Path dir : b.ruleDirectories) {
      all.addAll(RuleLoader.fromDirectory(dir));
    }
    all.removeIf(b.ruleFilter.negate());
    Set<String> ids = new HashSet<>();
    for (Rule r : all) {
      if (!ids.add(r.id())) {
        throw new IllegalArgumentException("duplicate rule id " + r.id() + " (" + r.source() + ")");
      }
    }
    this.rules = List.copyOf(all);
    SyntaxParser parser = new SyntaxParser(b.maxParseChars, TimeUnit.MILLISECONDS.toNanos(b.parseTimeoutMillis));
    this.engine = new RuleEngine(rules, parser, TimeUnit.MILLISECONDS.toNanos(b.ruleBudgetMillis), b.maxIssuesPerRule);
    if (b.compileQueriesNow) {
      engine.compileAll();
    }
    this.detector = new LanguageDetector(parser);
    this.policy = b.policy;
    this.maxInputChars = b.maxInputChars;
  }

  /** Code Shield with the built-in rules and the default policy. */
  public static CodeShield create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The rules this instance runs, sorted by id. */
  List<Rule> rules() {
    return rules;
  }

  public TreatmentPolicy policy() {
    return policy;
  }

  /** Scans text whose language is unknown: fence tags, then detection, decide per block. */
  public CodeShieldResult scan(String code) {
    return scan(code, (Language) null);
  }

  /**
   * Scans text with a language hint ({@code python}, {@code c++}, {@code js}, ...). A null, blank, {@code any} or
   * unrecognised hint means "detect"; an unrecognised one is also mentioned in the result's notes.
   */
  public CodeShieldResult scan(String code, String language) {
    return scan(code, language, 1);
  }

  /**
   * As {@link #scan(String, String)}, for code that starts at line {@code firstLine} of a larger text (a block of a
   * streamed answer): issues' lines and the lines of their data flows are counted in that text.
   */
  public CodeShieldResult scan(String code, String language, int firstLine) {
    if (language == null || language.isBlank() || language.equalsIgnoreCase("any") || language.equalsIgnoreCase("auto")) {
      return scan(code, (Language) null, firstLine);
    }
    Optional<Language> lang = Language.fromName(language);
    if (lang.isEmpty()) {
      CodeShieldResult r = scan(code, (Language) null, firstLine);
      List<String> notes = new ArrayList<>(r.notes());
      notes.add(0, "unknown language '" + Excerpt.of(language, 30) + "': detected instead");
      return new CodeShieldResult(r.insecure(), r.treatment(), r.issues(), r.languages(), r.languageAgnosticOnly(), notes);
    }
    return scan(code, lang.get(), firstLine);
  }

  /** Scans text as {@code language} (null: detect); fenced blocks with a recognised tag still use their tag. */
  public CodeShieldResult scan(String code, Language language) {
    return scan(code, language, 1);
  }

  private CodeShieldResult scan(String code, Language language, int firstLine) {
    Objects.requireNonNull(code, "code");
    int lineBase = firstLine - 1;
    List<String> notes = new ArrayList<>();
    String text = code;
    if (text.length() > maxInputChars) {
      notes.add("input of " + code.length() + " chars cut to the first " + maxInputChars);
      text = text.substring(0, maxInputChars);
    }
    FencedBlocks.Split split = FencedBlocks.split(text);
    LineIndex lines = LineIndex.of(text);
    List<Issue> issues = new ArrayList<>();
    Set<Language> languages = new LinkedHashSet<>();
    boolean agnosticOnly = false;
    for (CodeBlock block : split.blocks()) {
      if (block.fenced() && !block.terminated()) {
        notes.add("unterminated code fence at line " + lines.lineOf(block.offset() - 1) + ": scanned to the end");
      }
      Language lang = languageOf(block, language);
      if (lang == null) {
        agnosticOnly = agnosticOnly || !block.text().isBlank();
      } else {
        languages.add(lang);
      }
      Set<String> blockNotes = new LinkedHashSet<>();
      for (RawFinding f : engine.run(block.text(), lang, blockNotes::add)) {
        issues.add(issue(f, block, lang, text, lines, lineBase));
      }
      notes.addAll(blockNotes);
    }
    for (CodeBlock prose : split.prose()) {
      for (RawFinding f : engine.run(prose.text(), null, notes::add)) {
        issues.add(issue(f, prose, null, text, lines, lineBase));
      }
    }
    issues = dedupe(issues);
    Treatment treatment = Treatment.IGNORE;
    for (Issue i : issues) {
      Treatment t = policy.treatmentOf(i.severity());
      if (t.compareTo(treatment) > 0) {
        treatment = t;
      }
    }
    return new CodeShieldResult(treatment != Treatment.IGNORE, treatment, issues, List.copyOf(languages), agnosticOnly, notes);
  }

  /**
   * Scans text outside fenced blocks with the language-agnostic rules only (leaked keys, ...), as {@link #scan} does
   * for the prose between blocks: streamed answers are scanned a piece at a time.
   */
  public CodeShieldResult scanProse(String prose) {
    return scanProse(prose, 1);
  }

  /** As {@link #scanProse(String)}, for prose that starts at line {@code firstLine} of a larger text. */
  public CodeShieldResult scanProse(String prose, int firstLine) {
    Objects.requireNonNull(prose, "prose");
    List<String> notes = new ArrayList<>();
    if (prose.isBlank()) {
      return new CodeShieldResult(false, Treatment.IGNORE, List.of(), List.of(), false, notes);
    }
    LineIndex lines = LineIndex.of(prose);
    CodeBlock whole = new CodeBlock(prose, 0, null, false, true);
    List<Issue> issues = new ArrayList<>();
    for (RawFinding f : engine.run(prose, null, notes::add)) {
      issues.add(issue(f, whole, null, prose, lines, firstLine - 1));
    }
    issues = dedupe(issues);
    Treatment treatment = Treatment.IGNORE;
    for (Issue i : issues) {
      Treatment t = policy.treatmentOf(i.severity());
      if (t.compareTo(treatment) > 0) {
        treatment = t;
      }
    }
    return new CodeShieldResult(treatment != Treatment.IGNORE, treatment, issues, List.of(), false, notes);
  }

  private Language languageOf(CodeBlock block, Language hint) {
    if (block.tag() != null) {
      String tag = block.tag().toLowerCase(Locale.ROOT);
      Optional<Language> tagged = Language.fromName(tag);
      if (tagged.isPresent()) {
        return tagged.get();
      }
      if (PLAIN_TAGS.contains(tag)) {
        return null;
      }
    }
    if (hint != null) {
      return hint;
    }
    return detector.detect(block.text()).orElse(null);
  }

  private static Issue issue(RawFinding f, CodeBlock block, Language lang, String text, LineIndex lines, int lineBase) {
    int start = block.offset() + Math.min(f.start(), block.text().length());
    int end = block.offset() + Math.min(Math.max(f.end(), f.start()), block.text().length());
    int localLine = lines.lineOf(start);
    int line = localLine + lineBase;
    String snippet = Excerpt.of(lines.line(localLine).strip(), 160);
    Rule r = f.rule();
    String description = r.message();
    if (f.flow() != null) {
      // The flow counts lines within the block; the issue counts them in the whole text.
      int shift = lines.lineOf(block.offset()) - 1 + lineBase;
      TaintFlow flow = f.flow();
      description += " (" + new TaintFlow(flow.start(), flow.end(), flow.origin(), flow.fromParameter(),
          flow.lines().stream().map(l -> l + shift).toList()).describe() + ")";
    }
    return new Issue(r.id(), r.cwe(), f.severity(), line, lines.columnOf(start), start, end,
        r.isLanguageAgnostic() ? null : lang, snippet, description, r.fix());
  }

  /** One issue per rule and line, in text order. */
  private static List<Issue> dedupe(List<Issue> issues) {
    issues.sort(Comparator.comparingInt(Issue::start).thenComparing(Issue::rule));
    Set<String> seen = new HashSet<>();
    List<Issue> out = new ArrayList<>(issues.size());
    for (Issue i : issues) {
      if (seen.add(i.rule() + "@" + i.line())) {
        out.add(i);
      }
    }
    return out;
  }

  /** Options for {@link CodeShield}; every one has a sensible default. */
  public static final class Builder {
    private List<Rule> rules;
    private final List<Path> ruleDirectories = new ArrayList<>();
    private Predicate<Rule> ruleFilter = r -> true;
    private TreatmentPolicy policy = TreatmentPolicy.DEFAULT;
    private int maxInputChars = DEFAULT_MAX_INPUT_CHARS;
    private int maxParseChars = DEFAULT_MAX_PARSE_CHARS;
    private long parseTimeoutMillis = 500;
    private long ruleBudgetMillis = 200;
    private int maxIssuesPerRule = 200;
    private boolean compileQueriesNow;

    private Builder() {}

    /** Replaces the built-in rules. */
    Builder rules(List<Rule> rules) {
      this.rules = List.copyOf(rules);
      return this;
    }

    /** Adds the {@code *.yaml} rules under a directory to the built-in ones. */
    public Builder addRuleDirectory(Path dir) {
      ruleDirectories.add(dir);
      return this;
    }

    /** Keeps only the rules that pass, e.g. {@code r -> !r.id().equals("python.md5")}. */
    public Builder ruleFilter(Predicate<Rule> filter) {
      this.ruleFilter = Objects.requireNonNull(filter);
      return this;
    }

    public Builder policy(TreatmentPolicy policy) {
      this.policy = Objects.requireNonNull(policy);
      return this;
    }

    /** Text beyond this many chars is not scanned (the result says so). */
    public Builder maxInputChars(int chars) {
      this.maxInputChars = positive(chars, "maxInputChars");
      return this;
    }

    /** Blocks larger than this are scanned with regex rules only. */
    public Builder maxParseChars(int chars) {
      this.maxParseChars = positive(chars, "maxParseChars");
      return this;
    }

    public Builder parseTimeoutMillis(long millis) {
      this.parseTimeoutMillis = positive((int) Math.min(Integer.MAX_VALUE, millis), "parseTimeoutMillis");
      return this;
    }

    /** Time one rule may spend on one block before it is stopped (guards against pathological input). */
    public Builder ruleBudgetMillis(long millis) {
      this.ruleBudgetMillis = positive((int) Math.min(Integer.MAX_VALUE, millis), "ruleBudgetMillis");
      return this;
    }

    public Builder maxIssuesPerRule(int max) {
      this.maxIssuesPerRule = positive(max, "maxIssuesPerRule");
      return this;
    }

    /** Compile every structural query in {@link #build()} instead of on first use (slower start, earlier errors). */
    public Builder compileQueriesNow(boolean now) {
      this.compileQueriesNow = now;
      return this;
    }

    public CodeShield build() {
      return new CodeShield(this);
    }

    private static int positive(int v, String name) {
      if (v <= 0) {
        throw new IllegalArgumentException(name + " must be positive, got " + v);
      }
      return v;
    }
  }
}
