package dev.bulwark.codeshield.rules;

import dev.bulwark.codeshield.Language;
import dev.bulwark.codeshield.syntax.Grammars;
import dev.bulwark.codeshield.syntax.StructuralQuery;
import dev.bulwark.codeshield.syntax.SyntaxParser;
import dev.bulwark.codeshield.syntax.SyntaxTree;
import dev.bulwark.codeshield.text.LexicalSyntax;
import dev.bulwark.codeshield.text.LineIndex;
import dev.bulwark.codeshield.text.SourceMask;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private final Map<Rule, List<String>> groupNames = new HashMap<>();
  /** Per rule, literals one of which must occur for its regex (or prefilter) to match; absent when unknown. */
  private final Map<Rule, List<String>> literals = new HashMap<>();
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
          (r.isStructural() ? structuralRules : regexRules).computeIfAbsent(l, k -> new ArrayList<>()).add(r);
        }
      }
      List<String> lits = RequiredLiterals.of(r.regex() != null ? r.regex().pattern() : r.prefilter().pattern());
      if (lits != null) {
        literals.put(r, lits);
      }
      if (r.regex() != null) {
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
    return regexRules.containsKey(language) || structuralRules.containsKey(language);
  }

  /**
   * Runs the rules for {@code language} (null: language-agnostic rules only) over {@code block}.
   *
   * @param notes receives one-line notes (parse skipped, budget exhausted)
   */
  public List<RawFinding> run(String block, Language language, Consumer<String> notes) {
    SourceMask mask = SourceMask.of(block, LexicalSyntax.of(language));
    // Linear rules need time in proportion to the text: the budget grows by 40 ms per 100 KB beyond the first.
    long budget = ruleBudgetNanos + Math.max(0, block.length() - 100_000) * 400L;
    String lower = block.toLowerCase(java.util.Locale.ROOT);
    List<RawFinding> out = new ArrayList<>();
    LineIndex lines = null;
    for (Rule r : agnostic) {
      if (mayMatch(r, lower)) {
        lines = runRegex(r, mask, lines, out, notes, budget);
      }
    }
    if (language == null) {
      return out;
    }
    for (Rule r : regexRules.getOrDefault(language, List.of())) {
      if (mayMatch(r, lower)) {
        lines = runRegex(r, mask, lines, out, notes, budget);
      }
    }
    List<Rule> structural = structuralRules.getOrDefault(language, List.of());
    if (!structural.isEmpty()) {
      List<Rule> candidates = new ArrayList<>();
      for (Rule r : structural) {
        if (mayMatch(r, lower)) {
          candidates.add(r);
        }
      }
      if (!candidates.isEmpty()) {
        runStructural(candidates, language, mask, lines, out, notes, budget);
      }
    }
    return out;
  }

  /** False only when none of the rule's required literals occurs: then its regex cannot match. */
  private boolean mayMatch(Rule r, String lowerText) {
    List<String> lits = literals.get(r);
    if (lits == null) {
      return true;
    }
    for (String l : lits) {
      if (lowerText.contains(l)) {
        return true;
      }
    }
    return false;
  }

  private LineIndex runRegex(Rule r, SourceMask mask, LineIndex lines, List<RawFinding> out, Consumer<String> notes,
      long budget) {
    String view = view(mask, r.view());
    long deadline = System.nanoTime() + budget;
    Map<String, Boolean> blockCache = new HashMap<>();
    try {
      if (r.prefilter() != null && !r.prefilter().matcher(new BudgetedText(view, deadline)).find()) {
        return lines;
      }
      Matcher m = r.regex().matcher(new BudgetedText(view, deadline));
      int found = 0;
      while (m.find() && found < maxPerRule) {
        int start = m.start();
        int end = m.end();
        Map<String, String> bindings = new HashMap<>();
        for (String g : groupNames.get(r)) {
          if (m.group(g) != null) {
            bindings.put(g, m.group(g));
          }
        }
        if (r.report() != null && m.start(r.report()) >= 0) {
          start = m.start(r.report());
          end = m.end(r.report());
        }
        if (m.end() == m.start()) {
          if (m.end() >= view.length()) {
            break;
          }
        }
        if (lines == null && needsLines(r)) {
          lines = new LineIndex(view);
        }
        if (conditionsHold(r, view, start, bindings, lines, blockCache)) {
          out.add(new RawFinding(r, start, end));
          found++;
        }
      }
    } catch (BudgetedText.Exhausted e) {
      notes.accept("rule " + r.id() + " stopped after its time budget");
    }
    return lines;
  }

  /** Lines of context parsed before and after a prefilter hit (a call can start a few lines above its keyword). */
  private static final int WINDOW_BEFORE = 8;
  private static final int WINDOW_AFTER = 4;
  /** At most this many chars are handed to the parser per block; windows beyond it are skipped with a note. */
  static final int MAX_WINDOW_CHARS = 32_000;

  private void runStructural(List<Rule> rules, Language language, SourceMask mask, LineIndex lines,
      List<RawFinding> out, Consumer<String> notes, long budget) {
    String code = mask.code();
    // Pass 1: prefilters. Only rules whose prefilter matches are run, only on the lines around their hits.
    List<Rule> active = new ArrayList<>();
    List<int[]> ranges = new ArrayList<>();
    for (Rule r : rules) {
      long deadline = System.nanoTime() + budget;
      int from = Integer.MAX_VALUE;
      int to = -1;
      try {
        Matcher pm = r.prefilter().matcher(new BudgetedText(view(mask, r.view()), deadline));
        while (pm.find()) {
          from = Math.min(from, pm.start());
          to = Math.max(to, pm.end());
        }
      } catch (BudgetedText.Exhausted e) {
        notes.accept("rule " + r.id() + " prefilter stopped after its time budget");
        continue;
      }
      if (to >= 0 && query(r, language) != null) {
        active.add(r);
        ranges.add(new int[] {from, to});
      }
    }
    if (active.isEmpty()) {
      return;
    }
    LineIndex codeLines = new LineIndex(code);
    String parseText = windowed(mask.parseable(), codeLines, ranges, notes);
    SyntaxParser.Outcome o = parser.parse(parseText, language);
    if (!o.ok()) {
      notes.accept(switch (o.failure()) {
        case NO_GRAMMAR -> "no syntax tree for " + language + ": structural rules skipped";
        case TOO_LARGE -> "block too large to parse (" + code.length() + " chars): structural rules skipped";
        case TIMEOUT -> "parse timed out: structural rules skipped";
      });
      return;
    }
    SyntaxTree tree = o.tree();
    Map<String, Boolean> blockCache = new HashMap<>();
    for (int k = 0; k < active.size(); k++) {
      Rule r = active.get(k);
      StructuralQuery q = query(r, language);
      int[] range = ranges.get(k);
      int lineFrom = codeLines.lineStart(Math.max(1, codeLines.lineOf(range[0]) - WINDOW_BEFORE));
      int lineTo = codeLines.lineEnd(Math.min(codeLines.lineCount(), codeLines.lineOf(range[1]) + WINDOW_AFTER));
      List<StructuralQuery.Match> matches = q.run(tree, lineFrom, lineTo, System.nanoTime() + budget, maxPerRule);
      if (matches == null) {
        notes.accept("rule " + r.id() + " stopped after its time budget");
        continue;
      }
      String view = view(mask, r.view());
      for (StructuralQuery.Match match : matches) {
        TSNode at = reported(r, match);
        if (at == null) {
          continue;
        }
        int start = at.getStartByte();
        int end = at.getEndByte();
        if (start < code.length() && isBlankedComment(code, mask.original(), start)) {
          continue;
        }
        Map<String, String> bindings = new HashMap<>();
        match.captures().forEach((name, nodes) -> bindings.put(name, nodeText(mask.original(), nodes.get(0))));
        if (lines == null && needsLines(r)) {
          lines = new LineIndex(view);
        }
        if (conditionsHold(r, view, start, bindings, lines, blockCache)) {
          out.add(new RawFinding(r, start, end));
        }
      }
    }
  }

  /**
   * The text with everything outside the windows around prefilter hits blanked (line breaks kept): tree-sitter's
   * cost grows with the code it sees, and a few lines around a call are enough to recognise the call.
   */
  private static String windowed(String text, LineIndex lines, List<int[]> ranges, Consumer<String> notes) {
    List<int[]> windows = new ArrayList<>();
    for (int[] r : ranges) {
      int from = lines.lineStart(Math.max(1, lines.lineOf(r[0]) - WINDOW_BEFORE));
      int to = lines.lineEnd(Math.min(lines.lineCount(), lines.lineOf(r[1]) + WINDOW_AFTER));
      windows.add(new int[] {from, to});
    }
    windows.sort((a, b) -> Integer.compare(a[0], b[0]));
    List<int[]> merged = new ArrayList<>();
    for (int[] w : windows) {
      if (!merged.isEmpty() && w[0] <= merged.get(merged.size() - 1)[1] + 1) {
        merged.get(merged.size() - 1)[1] = Math.max(merged.get(merged.size() - 1)[1], w[1]);
      } else {
        merged.add(w);
      }
    }
    if (merged.size() == 1 && merged.get(0)[0] == 0 && merged.get(0)[1] >= text.length() && text.length() <= MAX_WINDOW_CHARS) {
      return text;
    }
    char[] out = new char[text.length()];
    for (int i = 0; i < out.length; i++) {
      char c = text.charAt(i);
      out[i] = c == '\n' || c == '\r' ? c : ' ';
    }
    int kept = 0;
    for (int[] w : merged) {
      int len = w[1] - w[0];
      if (kept + len > MAX_WINDOW_CHARS) {
        notes.accept("code around structural matches exceeds " + MAX_WINDOW_CHARS + " chars: the rest was not parsed");
        break;
      }
      text.getChars(w[0], w[1], out, w[0]);
      kept += len;
    }
    return new String(out);
  }

  private static String nodeText(String text, TSNode node) {
    int from = Math.max(0, Math.min(node.getStartByte(), text.length()));
    int to = Math.max(from, Math.min(node.getEndByte(), text.length()));
    return text.substring(from, to);
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

  private static boolean needsLines(Rule r) {
    for (Condition c : r.unless()) {
      if (c.nearLines() > 0) {
        return true;
      }
    }
    for (Condition c : r.requires()) {
      if (c.nearLines() > 0) {
        return true;
      }
    }
    return false;
  }

  private boolean conditionsHold(Rule r, String view, int at, Map<String, String> bindings, LineIndex lines,
      Map<String, Boolean> blockCache) {
    try {
      for (Condition c : r.requires()) {
        Pattern p = c.resolve(bindings);
        if (p != null && !find(p, view, c, at, lines, r, blockCache)) {
          return false;
        }
      }
      for (Condition c : r.unless()) {
        Pattern p = c.resolve(bindings);
        if (p != null && find(p, view, c, at, lines, r, blockCache)) {
          return false;
        }
      }
      return true;
    } catch (BudgetedText.Exhausted e) {
      return r.requires().isEmpty(); // unproven: keep the finding only if nothing had to be shown
    }
  }

  private boolean find(Pattern p, String view, Condition c, int at, LineIndex lines, Rule r,
      Map<String, Boolean> blockCache) {
    if (c.nearLines() == 0) {
      // Block-wide conditions give the same answer for every match of the rule: evaluate once per block.
      String key = r.view().name() + '\u0000' + p.pattern();
      Boolean cached = blockCache.get(key);
      if (cached == null) {
        cached = p.matcher(new BudgetedText(view, System.nanoTime() + ruleBudgetNanos)).find();
        blockCache.put(key, cached);
      }
      return cached;
    }
    Matcher m = p.matcher(new BudgetedText(view, System.nanoTime() + ruleBudgetNanos));
    if (c.nearLines() > 0) {
      int line = lines.lineOf(at);
      int from = lines.lineStart(Math.max(1, line - c.nearLines()));
      int to = lines.lineEnd(Math.min(lines.lineCount(), line + c.nearLines()));
      m.region(from, to);
    }
    return m.find();
  }

  private static String view(SourceMask mask, TextView v) {
    return switch (v) {
      case RAW -> mask.original();
      case CODE -> mask.code();
      case NO_STRINGS -> mask.codeWithoutStrings();
    };
  }

  /** Distinct languages that have at least one rule. */
  public Set<Language> languages() {
    Set<Language> s = new HashSet<>(regexRules.keySet());
    s.addAll(structuralRules.keySet());
    return s;
  }
}
