package dev.bulwark.codeshield.rules;

import dev.bulwark.codeshield.Language;
import dev.bulwark.codeshield.syntax.Grammars;
import dev.bulwark.codeshield.syntax.SourceWindows;
import dev.bulwark.codeshield.syntax.StructuralQuery;
import dev.bulwark.codeshield.syntax.SyntaxParser;
import dev.bulwark.codeshield.syntax.SyntaxTree;
import dev.bulwark.codeshield.text.LexicalSyntax;
import dev.bulwark.text.LineIndex;
import dev.bulwark.codeshield.text.SourceMask;
import dev.bulwark.codeshield.taint.TaintAnalysis;
import dev.bulwark.codeshield.taint.TaintFlow;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.treesitter.TSNode;

/**
 * Runs rules over one block of known (or unknown) language. Regex rules run on the masked view they ask for;
 * structural rules only run when their prefilter matches, and then share one parse of the block. Each rule has a time
 * budget per block, so no input can make a scan hang.
 */
public final class RuleEngine {
  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  private final List<Rule> agnostic = new ArrayList<>();
  private final Map<Language, List<Rule>> regexRules = new EnumMap<>(Language.class);
  private final Map<Language, List<Rule>> structuralRules = new EnumMap<>(Language.class);
  private final Map<Language, List<Rule>> taintRules = new EnumMap<>(Language.class);
  private final Map<Rule, List<String>> groupNames = new HashMap<>();
  private final Map<Rule, GatedPattern> regexes = new HashMap<>();
  private final Map<Rule, GatedPattern> prefilters = new HashMap<>();
  /** Taint rules: their sinks, searched only in windows around the literals they need (as for regex rules). */
  private final Map<Rule, GatedPattern> sinkGates = new HashMap<>();
  /**
   * Conditions with {@code ${name}} filled in, compiled once per distinct source: the same names (buf, cmd, sql) recur
   * across blocks. Emptied when it reaches {@link #MAX_FILLED_IN} entries, so odd inputs cannot grow it without bound.
   */
  private final Map<String, Optional<GatedPattern>> filledIn = new ConcurrentHashMap<>();
  private static final int MAX_FILLED_IN = 4096;
  /** Conditions without placeholders, compiled once. */
  private final Map<Pattern, GatedPattern> fixedConditions = new IdentityHashMap<>();
  private final Map<String, StructuralQuery> compiled = new ConcurrentHashMap<>();
  private final Set<String> brokenQueries = ConcurrentHashMap.newKeySet();
  private final SyntaxParser parser;
  private final long ruleBudgetNanos;
  private final int maxPerRule;

  public RuleEngine(List<Rule> rules, SyntaxParser parser, long ruleBudgetNanos, int maxPerRule) {
    this.parser = parser;
    this.ruleBudgetNanos = ruleBudgetNanos;
    this.maxPerRule = maxPerRule;
    for (Rule r : rules) {
      if (r.isLanguageAgnostic()) {
        agnostic.add(r);
      } else {
        for (Language l : r.languages()) {
          (r.isTaint() ? taintRules : r.isStructural() ? structuralRules : regexRules)
              .computeIfAbsent(l, k -> new ArrayList<>()).add(r);
        }
      }
      if (r.prefilter() != null) {
        prefilters.put(r, GatedPattern.of(r.prefilter()));
      }
      for (Condition c : r.requires()) {
        if (c.compiled() != null) {
          fixedConditions.computeIfAbsent(c.compiled(), GatedPattern::of);
        }
      }
      for (Condition c : r.unless()) {
        if (c.compiled() != null) {
          fixedConditions.computeIfAbsent(c.compiled(), GatedPattern::of);
        }
      }
      if (r.isTaint()) {
        sinkGates.put(r, GatedPattern.of(r.taint().sinks()));
      }
      if (r.regex() != null) {
        regexes.put(r, GatedPattern.of(r.regex()));
        List<String> names = new ArrayList<>();
        Matcher m = GROUP_NAME.matcher(r.regex().pattern());
        while (m.find()) {
          names.add(m.group(1));
        }
        groupNames.put(r, names);
      }
    }
  }

  /** Compiles every structural query now (tests use this so a broken query fails loudly). */
  public void compileAll() {
    structuralRules.forEach((lang, rules) -> {
      for (Rule r : rules) {
        StructuralQuery q = query(r, lang);
        if (q == null && Grammars.exists(lang)) {
          throw new RuleException(r.source(), "query does not compile for " + lang + ": "
              + Grammars.failure(lang).orElse("see the query syntax"));
        }
      }
    });
  }

  /** Whether some language-specific rule exists for {@code language}. */
  public boolean hasRulesFor(Language language) {
    return regexRules.containsKey(language) || structuralRules.containsKey(language) || taintRules.containsKey(language);
  }

  /**
   * Runs the rules for {@code language} (null: language-agnostic rules only) over {@code block}.
   *
   * @param notes receives one-line notes (parse skipped, budget exhausted)
   */
  public List<RawFinding> run(String block, Language language, Consumer<String> notes) {
    BlockText text = new BlockText(SourceMask.of(block, LexicalSyntax.of(language)), this::compileCondition);
    // Linear rules need time in proportion to the text: the budget grows by 40 ms per 100 KB beyond the first.
    long budget = ruleBudgetNanos + Math.max(0, block.length() - 100_000) * 400L;
    List<RawFinding> out = new ArrayList<>();
    for (Rule r : agnostic) {
      runRegex(r, text, out, notes, budget);
    }
    if (language == null) {
      return out;
    }
    for (Rule r : regexRules.getOrDefault(language, List.of())) {
      runRegex(r, text, out, notes, budget);
    }
    List<Rule> structural = structuralRules.getOrDefault(language, List.of());
    if (!structural.isEmpty()) {
      runStructural(structural, language, text, out, notes, budget);
    }
    List<Rule> taint = taintRules.getOrDefault(language, List.of());
    if (!taint.isEmpty()) {
      Map<String, List<int[]>> cleared = new HashMap<>();
      Map<String, List<int[]>> unknown = new HashMap<>();
      for (Rule r : taint) {
        runTaint(r, language, text, out, notes, budget, cleared, unknown);
      }
      return judgedByDataFlow(out, cleared, unknown);
    }
    return out;
  }

  /**
   * Findings of the pattern rules, seen through the taint pass of the same CWE: where the sink's data was sanitised or
   * checked on the way (and nothing of unknown origin is in it) the pattern finding is a look-alike and is dropped;
   * where the data's origin is unknown, an error becomes a warning (the sink is not reached by a known source).
   */
  private static List<RawFinding> judgedByDataFlow(List<RawFinding> found, Map<String, List<int[]>> cleared,
      Map<String, List<int[]>> unknown) {
    List<RawFinding> out = new ArrayList<>(found.size());
    for (RawFinding f : found) {
      if (f.rule().isTaint() || f.rule().isLanguageAgnostic()) {
        out.add(f);
      } else if (within(cleared.get(f.rule().cwe()), f.start())) {
        continue;
      } else if (f.severity() == Severity.ERROR && within(unknown.get(f.rule().cwe()), f.start())) {
        out.add(new RawFinding(f.rule(), f.start(), f.end(), Severity.WARNING, null));
      } else {
        out.add(f);
      }
    }
    return out;
  }

  private static boolean within(List<int[]> spans, int at) {
    if (spans != null) {
      for (int[] s : spans) {
        if (at >= s[0] && at < s[1]) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A taint rule: the data-flow pass over the block's statements (lexical, so it needs no parse and cannot fail on
   * code that does not parse). A flow from a function parameter is reported one severity lower than the rule's.
   */
  private void runTaint(Rule r, Language language, BlockText text, List<RawFinding> out, Consumer<String> notes, long budget,
      Map<String, List<int[]>> cleared, Map<String, List<int[]>> unknown) {
    try {
      GatedPattern prefilter = prefilters.get(r);
      if (prefilter != null && !prefilter.find(new BudgetedText(text.view(r.view()), System.nanoTime() + budget),
          text.index(r.view()), text.lines())) {
        return;
      }
      // No sink in the block (and no import alias that could rename one): nothing to follow.
      if (!sinkGates.get(r).find(new BudgetedText(text.view(TextView.CODE), System.nanoTime() + budget),
          text.index(TextView.CODE), text.lines()) && !text.taint(language).hasAliases()) {
        return;
      }
      TaintAnalysis.Result result = TaintAnalysis.run(r.taint(), text.taint(language), System.nanoTime() + budget, maxPerRule);
      if (result.skippedStatements() > 0) {
        notes.accept("rule " + r.id() + ": " + result.skippedStatements() + " statement(s) over "
            + TaintAnalysis.MAX_STATEMENT_CHARS + " chars not followed by the taint pass");
      }
      cleared.computeIfAbsent(r.cwe(), k -> new ArrayList<>()).addAll(result.cleared());
      unknown.computeIfAbsent(r.cwe(), k -> new ArrayList<>()).addAll(result.unknown());
      for (TaintFlow f : result.flows()) {
        if (conditionsHold(r, text, f.start(), Map.of())) {
          out.add(new RawFinding(r, f.start(), f.end(), f.fromParameter() ? lower(r.severity()) : r.severity(), f));
        }
      }
    } catch (BudgetedText.Exhausted e) {
      notes.accept("rule " + r.id() + " stopped after its time budget");
    }
  }

  private static Severity lower(Severity s) {
    return s == Severity.ERROR ? Severity.WARNING : Severity.ADVICE;
  }

  private void runRegex(Rule r, BlockText text, List<RawFinding> out, Consumer<String> notes, long budget) {
    String view = text.view(r.view());
    LiteralIndex index = text.index(r.view());
    BudgetedText input = new BudgetedText(view, System.nanoTime() + budget);
    try {
      GatedPattern prefilter = prefilters.get(r);
      if (prefilter != null && !prefilter.find(input, index, text.lines())) {
        return;
      }
      int[] found = {0};
      regexes.get(r).forEachMatch(input, index, text.lines(), (m, start, end) -> {
        Map<String, String> bindings = new HashMap<>();
        for (String g : groupNames.get(r)) {
          if (m.group(g) != null) {
            bindings.put(g, m.group(g));
          }
        }
        int from = start;
        int to = end;
        if (r.report() != null && m.start(r.report()) >= 0) {
          from = m.start(r.report());
          to = m.end(r.report());
        }
        if (conditionsHold(r, text, from, bindings)) {
          out.add(new RawFinding(r, from, to));
          found[0]++;
        }
        return found[0] < maxPerRule;
      });
    } catch (BudgetedText.Exhausted e) {
      notes.accept("rule " + r.id() + " stopped after its time budget");
    }
  }

  /** At most this many chars of windows around prefilter hits are handed to the parser per block. */
  static final int MAX_WINDOW_CHARS = 32_000;

  /**
   * Structural rules: prefilters first; only the statements around their hits are parsed, once for all the rules
   * whose prefilter matched, and each rule's query runs on that tree.
   */
  private void runStructural(List<Rule> rules, Language language, BlockText text, List<RawFinding> out,
      Consumer<String> notes, long budget) {
    List<Rule> active = new ArrayList<>();
    List<int[]> hits = new ArrayList<>();
    for (Rule r : rules) {
      int before = hits.size();
      try {
        prefilters.get(r).forEachMatch(new BudgetedText(text.view(r.view()), System.nanoTime() + budget),
            text.index(r.view()), text.lines(), (m, start, end) -> {
              hits.add(new int[] {start, end});
              return hits.size() - before < maxPerRule;
            });
      } catch (BudgetedText.Exhausted e) {
        notes.accept("rule " + r.id() + " prefilter stopped after its time budget");
        continue;
      }
      if (hits.size() > before && query(r, language) != null) {
        active.add(r);
      }
    }
    if (active.isEmpty()) {
      return;
    }
    SourceMask mask = text.mask();
    if (mask.original().length() > parser.maxChars()) {
      notes.accept("block too large to parse (" + mask.original().length() + " chars): structural rules skipped");
      return;
    }
    SourceWindows windows = SourceWindows.around(hits, mask.parseable(), mask.codeWithoutStrings(), text.lines(),
        MAX_WINDOW_CHARS);
    if (windows.truncated()) {
      notes.accept("code around structural matches exceeds " + MAX_WINDOW_CHARS + " chars: the rest was not parsed");
    }
    SyntaxParser.Outcome o = parser.parse(windows.text(), language);
    if (!o.ok()) {
      notes.accept(switch (o.failure()) {
        case NO_GRAMMAR -> "no syntax tree for " + language + ": structural rules skipped";
        case TOO_LARGE -> "block too large to parse (" + windows.text().length() + " chars): structural rules skipped";
        case TIMEOUT -> "parse timed out: structural rules skipped";
      });
      return;
    }
    SyntaxTree tree = o.tree();
    String code = mask.code();
    String original = mask.original();
    for (Rule r : active) {
      List<StructuralQuery.Match> matches =
          query(r, language).run(tree, 0, windows.text().length(), System.nanoTime() + budget, maxPerRule);
      if (matches == null) {
        notes.accept("rule " + r.id() + " stopped after its time budget");
        continue;
      }
      for (StructuralQuery.Match match : matches) {
        TSNode at = reported(r, match);
        if (at == null) {
          continue;
        }
        int start = windows.toBlock(at.getStartByte());
        int end = windows.toBlock(at.getEndByte());
        if (start < 0 || end < start || start < code.length() && isBlankedComment(code, original, start)) {
          continue;
        }
        Map<String, String> bindings = new HashMap<>();
        match.captures().forEach((name, nodes) -> bindings.put(name, nodeText(original, windows, nodes.get(0))));
        if (conditionsHold(r, text, start, bindings)) {
          out.add(new RawFinding(r, start, end));
        }
      }
    }
  }

  /** The block text of {@code node} (the tree saw an ASCII projection). */
  private static String nodeText(String original, SourceWindows windows, TSNode node) {
    int from = windows.toBlock(node.getStartByte());
    int to = windows.toBlock(node.getEndByte());
    return from < 0 || to < from ? "" : original.substring(from, Math.min(to, original.length()));
  }

  /** A node that starts inside a comment the masker blanked (tree-sitter and the masker can disagree). */
  private static boolean isBlankedComment(String code, String original, int at) {
    return code.charAt(at) == ' ' && original.charAt(at) != ' ';
  }

  private static TSNode reported(Rule r, StructuralQuery.Match match) {
    if (r.report() != null) {
      return match.first(r.report());
    }
    TSNode m = match.first("match");
    if (m != null) {
      return m;
    }
    TSNode widest = null;
    for (List<TSNode> nodes : match.captures().values()) {
      for (TSNode n : nodes) {
        if (widest == null || n.getEndByte() - n.getStartByte() > widest.getEndByte() - widest.getStartByte()) {
          widest = n;
        }
      }
    }
    return widest;
  }

  private StructuralQuery query(Rule r, Language language) {
    String key = r.id() + "@" + language.id();
    StructuralQuery q = compiled.get(key);
    if (q != null || brokenQueries.contains(key)) {
      return q;
    }
    var grammar = Grammars.of(language);
    if (grammar.isEmpty()) {
      brokenQueries.add(key);
      return null;
    }
    try {
      q = StructuralQuery.compile(grammar.get(), r.query());
    } catch (IllegalArgumentException e) {
      brokenQueries.add(key);
      throw new RuleException(r.source(), e.getMessage() + " (language " + language + ")", e);
    }
    compiled.put(key, q);
    return q;
  }

  private boolean conditionsHold(Rule r, BlockText text, int at, Map<String, String> bindings) {
    try {
      for (Condition c : r.requires()) {
        GatedPattern p = filledIn(c, bindings, text);
        if (p != null && !holds(p, c, r.view(), text, at)) {
          return false;
        }
      }
      for (Condition c : r.unless()) {
        GatedPattern p = filledIn(c, bindings, text);
        if (p != null && holds(p, c, r.view(), text, at)) {
          return false;
        }
      }
      return true;
    } catch (BudgetedText.Exhausted e) {
      return r.requires().isEmpty(); // unproven: keep the finding only if nothing had to be shown
    }
  }

  private GatedPattern compileCondition(String source) {
    Optional<GatedPattern> g = filledIn.get(source);
    if (g == null) {
      try {
        g = Optional.of(GatedPattern.of(source, Pattern.MULTILINE));
      } catch (PatternSyntaxException e) {
        g = Optional.empty(); // a rule-author mistake must not fail a scan; the rule's example test catches it
      }
      if (filledIn.size() >= MAX_FILLED_IN) {
        filledIn.clear();
      }
      filledIn.put(source, g);
    }
    return g.orElse(null);
  }

  /** The condition's regex with this match's groups filled in; null when it does not apply. */
  private GatedPattern filledIn(Condition c, Map<String, String> bindings, BlockText text) {
    if (c.compiled() != null) {
      return fixedConditions.get(c.compiled());
    }
    String source = c.resolve(bindings);
    return source == null ? null : text.resolved(source);
  }

  private boolean holds(GatedPattern p, Condition c, TextView v, BlockText text, int at) {
    String view = text.view(v);
    LiteralIndex index = text.index(v);
    if (c.nearLines() == 0) {
      // Block-wide conditions give the same answer for every match of the rule: evaluate once per block.
      String key = v.name() + '\u0000' + p.source();
      Boolean cached = text.blockWide(key);
      if (cached == null) {
        cached = p.find(new BudgetedText(view, System.nanoTime() + ruleBudgetNanos), index, text.lines());
        text.blockWide(key, cached);
      }
      return cached;
    }
    LineIndex lines = text.lines();
    int line = lines.lineOf(at);
    int from = lines.lineStart(Math.max(1, line - c.nearLines()));
    int to = lines.lineEnd(Math.min(lines.lineCount(), line + c.nearLines()));
    return p.findIn(new BudgetedText(view, System.nanoTime() + ruleBudgetNanos), index, from, to);
  }

  /** Distinct languages that have at least one rule. */
  public Set<Language> languages() {
    Set<Language> s = new HashSet<>(regexRules.keySet());
    s.addAll(structuralRules.keySet());
    s.addAll(taintRules.keySet());
    return s;
  }
}
