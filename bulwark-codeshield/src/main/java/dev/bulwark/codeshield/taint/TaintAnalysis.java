package dev.bulwark.codeshield.taint;

import dev.bulwark.codeshield.Language;
import dev.bulwark.codeshield.rules.BudgetedText;
import dev.bulwark.codeshield.text.LineIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Intra-procedural taint tracking over one block, lexical: the block is cut into statements, a new scope starts at
 * each function header, and statement by statement a map of tainted names is kept. A name becomes tainted when it is
 * assigned an expression with a source or a tainted name in it (directly, concatenated, formatted or interpolated into
 * a string), or when a propagator writes into it; it is cleared by a plain assignment of clean data, by a sanitizer
 * around the data, or by a guard statement about it. A sink whose checked argument is tainted is a flow.
 *
 * <p>Known limits, by design: no paths (a guard on one branch clears the name on all of them), no calls into other
 * functions, field and element writes taint the whole name. Every regex runs on one statement through a
 * {@link BudgetedText}, so the pass is bounded by the rule's time budget.
 */
public final class TaintAnalysis {
  /** Statements longer than this (minified or generated code) are skipped, so no single one dominates the budget. */
  public static final int MAX_STATEMENT_CHARS = 8_192;
  private static final Pattern FORMATTING = Pattern.compile(
      "[\"'`]|\\b(?:format|printf|sprintf|Sprintf|Fprintf|concat|join|Join|Combine|append|push_str|StringBuilder|String\\.format)\\b|<<");
  private static final int MAX_PATH = 8;

  /** What a tainted name carries: where it came from and the lines it went through. */
  private record Taint(String origin, boolean parameter, boolean built, List<Integer> lines) {
    Taint through(int line, boolean building) {
      List<Integer> l = new ArrayList<>(lines);
      if (l.get(l.size() - 1) != line && l.size() < MAX_PATH) {
        l.add(line);
      }
      return new Taint(origin, parameter, built || building, List.copyOf(l));
    }
  }

  private final TaintSpec spec;
  private final Language language;
  private final String code;
  private final String noStrings;
  private final LineIndex lines;
  private final long deadline;
  private final TaintBlock block;
  /** Per pattern of the spec, literals one of which must be in a statement for the pattern to match there. */
  private final LiteralGate sourceGate;
  private final LiteralGate sanitizerGate;
  private final LiteralGate guardGate;
  private final LiteralGate sinkGate;
  private final LiteralGate propagatorGate;
  private Aliases aliases;
  private final Map<String, Taint> tainted = new LinkedHashMap<>();
  /** Names known to hold clean data: true when a sanitizer or guard made them so, false for plain constants. */
  private final Map<String, Boolean> clean = new HashMap<>();
  /** Names assigned in this scope whose data is neither tainted nor known clean (unknown origin). */
  private final java.util.Set<String> opaque = new java.util.HashSet<>();
  private int skipped;
  private final List<int[]> cleared = new ArrayList<>();
  private final List<int[]> unknown = new ArrayList<>();
  private int currentLine = 1;
  /** The block's functions that pass a parameter to a sink, return untrusted data or return sanitised data. */
  private Map<String, FunctionSummary> summaries = Map.of();
  /** Calls to the summarised functions ({@code name(}, {@code self.name(}, {@code $this->name(}), or null. */
  private Pattern summaryCalls;
  /** While a function is summarised: what its parameters are, what its returns held. */
  private FunctionSummary.Builder summarising;

  private TaintAnalysis(TaintSpec spec, TaintBlock block, long deadline) {
    this.spec = spec;
    this.language = block.language;
    this.code = block.code;
    this.noStrings = block.noStrings;
    this.lines = block.lines;
    this.deadline = deadline;
    this.block = block;
    this.sourceGate = LiteralGate.of(spec.sources() == null ? null : spec.sources().pattern());
    this.sanitizerGate = LiteralGate.of(spec.sanitizers() == null ? null : spec.sanitizers().pattern());
    this.guardGate = LiteralGate.of(spec.guards() == null ? null : guardPattern(spec.guards()).pattern());
    this.sinkGate = LiteralGate.of(spec.sinks().pattern());
    this.propagatorGate = LiteralGate.of(spec.propagators() == null ? null : spec.propagators().pattern());
  }

  /**
   * The outcome for one block.
   *
   * @param flows untrusted data reaching a sink
   * @param cleared statements (block offsets {@code [start, end)}) with a sink whose data was sanitised or checked
   *     on the way and holds nothing of unknown origin: look-alike findings of other rules there are false alarms
   * @param unknown statements with a sink whose data is of unknown origin (neither a known source nor known clean)
   * @param skippedStatements over-long statements that were not analysed
   */
  public record Result(List<TaintFlow> flows, List<int[]> cleared, List<int[]> unknown, int skippedStatements) {}

  /** What an expression holds: its taint (or null), whether a sanitizer or cleared name is in it, and unknown data. */
  private record Value(Taint taint, boolean sanitized, boolean opaque) {}

  /**
   * Runs {@code spec} over a block.
   *
   * @throws BudgetedText.Exhausted when {@code deadlineNanos} passes
   */
  public static Result run(TaintSpec spec, TaintBlock block, long deadlineNanos, int maxFlows) {
    TaintAnalysis a = new TaintAnalysis(spec, block, deadlineNanos);
    if (!a.sinkMayOccur()) {
      return new Result(List.of(), List.of(), List.of(), 0);
    }
    a.aliases = block.aliases();
    a.summarise();
    List<TaintFlow> flows = new ArrayList<>();
    List<Statements.Span> statements = block.statements();
    for (int i = 0; i < statements.size(); i++) {
      Statements.Span s = statements.get(i);
      if (System.nanoTime() > deadlineNanos) {
        throw new BudgetedText.Exhausted();
      }
      if (s.end() - s.start() > MAX_STATEMENT_CHARS) {
        a.skipped++;
        continue;
      }
      a.statement(s, block.parameters(i), flows);
      if (flows.size() >= maxFlows) {
        break;
      }
    }
    return new Result(flows, a.cleared, a.unknown, a.skipped);
  }

  /** At most this many functions of a block are summarised (each costs one more pass over its body). */
  static final int MAX_SUMMARISED = 64;

  /**
   * The inter-procedural step, one level deep and in text order (a helper summarised before its caller is seen
   * through there too): each named function of the block that is called elsewhere in it is run once with its
   * parameters as stand-ins, to learn which of them reach a sink, and whether its returns hold untrusted or sanitised
   * data. Calls to it are then judged by that summary.
   */
  private void summarise() {
    List<TaintBlock.Function> candidates = block.calledFunctions();
    if (candidates.isEmpty()) {
      return;
    }
    List<Statements.Span> statements = block.statements();
    Map<String, FunctionSummary> found = new LinkedHashMap<>();
    for (TaintBlock.Function fn : candidates) {
      if (found.size() >= MAX_SUMMARISED) {
        break;
      }
      if (found.containsKey(fn.name()) || !mayMatter(fn, found)) {
        continue;
      }
      List<FunctionHeaders.Parameter> params = block.parameters(fn.header());
      TaintAnalysis sub = new TaintAnalysis(spec, block, deadline);
      sub.aliases = aliases;
      sub.summaries = found;
      sub.summaryCalls = callsOf(found.keySet());
      sub.summarising = new FunctionSummary.Builder(fn.name(), params);
      List<TaintFlow> subFlows = new ArrayList<>();
      for (int j = fn.header(); j < fn.bodyEnd(); j++) {
        Statements.Span s = statements.get(j);
        if (System.nanoTime() > deadline) {
          throw new BudgetedText.Exhausted();
        }
        if (s.end() - s.start() <= MAX_STATEMENT_CHARS) {
          sub.statement(s, j == fn.header() ? params : block.parameters(j), subFlows);
        }
      }
      for (TaintFlow f : subFlows) {
        sub.summarising.sinkReached(f);
      }
      FunctionSummary summary = sub.summarising.build();
      if (summary.matters()) {
        found.put(fn.name(), summary);
      }
    }
    summaries = found;
    summaryCalls = callsOf(found.keySet());
  }

  /**
   * Whether the function's text could give it a summary for this rule: a sink, a source or a sanitizer of the rule, or
   * a call to a function already summarised (cheap literal checks, so most functions cost no second pass).
   */
  private boolean mayMatter(TaintBlock.Function fn, Map<String, FunctionSummary> found) {
    String text = code.substring(fn.start(), fn.end());
    LiteralGate.Text body = new LiteralGate.Text(text);
    if (sinkGate.mayMatch(body) || spec.sources() != null && sourceGate.mayMatch(body)
        || spec.sanitizers() != null && sanitizerGate.mayMatch(body)) {
      return true;
    }
    for (String name : found.keySet()) {
      if (text.contains(name)) {
        return true;
      }
    }
    return false;
  }

  private static Pattern callsOf(java.util.Set<String> names) {
    if (names.isEmpty()) {
      return null;
    }
    StringBuilder alternatives = new StringBuilder();
    for (String n : names) {
      alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(n));
    }
    // Any receiver: a method of the snippet is matched by name (obj.name(, $this->name(, Self::name( too).
    return Pattern.compile("(?<![\\w$])(" + alternatives + ")\\s*\\(");
  }

  /** The cheap gate: no sink anywhere in the block (after expanding import aliases) means nothing to track. */
  private boolean sinkMayOccur() {
    if (spec.sinks().matcher(budgeted(code)).find()) {
      return true;
    }
    Aliases a = block.aliases();
    return !a.isEmpty() && spec.sinks().matcher(budgeted(a.expand(code))).find();
  }

  /**
   * A route decorator or attribute ({@code @app.get(…)}, {@code @router.post}, {@code @GetMapping}, {@code [HttpGet]})
   * makes the next function a request handler: its parameters are request data.
   */
  private static final Pattern HANDLER = Pattern.compile(
      "^@\\s*\\w+(?:\\s*\\.\\s*\\w+)*\\s*\\.\\s*(?:get|post|put|patch|delete|route|api_route)\\s*\\("
          + "|^@(?:Get|Post|Put|Delete|Patch|Request)Mapping\\b|^\\[\\s*(?:Http(?:Get|Post|Put|Delete|Patch)|Route)\\b");
  private boolean handlerNext;

  private void statement(Statements.Span span, List<FunctionHeaders.Parameter> params, List<TaintFlow> flows) {
    String ns = noStrings.substring(span.start(), span.end());
    String cd = code.substring(span.start(), span.end());
    // Literals of code and strings alike: every view of the statement is within this one, so it gates them all.
    LiteralGate.Text statementText = new LiteralGate.Text(cd);
    int line = lines.lineOf(span.start());
    currentLine = line;
    boolean handler = handlerNext;
    boolean header = false;
    handlerNext = HANDLER.matcher(ns).lookingAt() || handler && params == null && ns.startsWith("@");
    if (params != null) {
      tainted.clear();
      clean.clear();
      opaque.clear();
      if (summarising != null && summarising.isHeader(params)) {
        header = true;
        for (int k = 0; k < params.size(); k++) {
          tainted.put(params.get(k).name(), new Taint(FunctionSummary.standIn(k), false, false, List.of(line)));
        }
        if (!ns.contains("=>") && language != Language.PYTHON && !hasExpressionBody(ns)) {
          return;
        }
        params = null;
      }
      for (FunctionHeaders.Parameter p : params == null ? List.<FunctionHeaders.Parameter>of() : params) {
        boolean known = handler || spec.sources() != null && spec.sources().matcher(budgeted(p.declaration())).find();
        if (known || spec.parameters()) {
          tainted.put(p.name(), new Taint(p.name(), !known, false, List.of(line)));
        } else {
          opaque.add(p.name());
        }
      }
      if (!ns.contains("=>") && language != Language.PYTHON && !hasExpressionBody(ns)) {
        return;
      }
    }
    clearGuarded(cd, statementText);
    int before = flows.size();
    checkSinks(span, ns, cd, line, flows, statementText);
    if (flows.size() == before && summaryCalls != null && (params == null || hasExpressionBody(ns))) {
      checkWrapperCalls(span, ns, cd, line, flows, statementText);
    }
    if (summarising != null) {
      Matcher ret = RETURN.matcher(ns);
      Matcher body = header ? EXPRESSION_BODY.matcher(ns) : null;
      int valueStart = ret.lookingAt() ? ret.end() : body != null && body.find() ? body.end() : -1;
      if (valueStart >= 0) {
        Value v = evaluate(ns, cd, valueStart, ns.length(), statementText);
        summarising.returns(v.taint() == null ? null : v.taint().origin(), v.taint() == null ? null : v.taint().lines(),
            v.sanitized(), line);
      }
    }
    Assignment a = Assignment.parse(ns);
    if (a != null) {
      Value v = evaluate(ns, cd, a.valueStart(), ns.length(), statementText);
      for (String target : a.targets()) {
        boolean wasClean = clean.containsKey(target) || !a.appends();
        if (v.taint() != null) {
          tainted.put(target, v.taint().through(line, built(ns, a.valueStart(), ns.length())));
          clean.remove(target);
          opaque.remove(target);
        } else if (a.appends() && tainted.containsKey(target)) {
          continue; // x += clean keeps what x held
        } else if (!v.opaque() && wasClean) {
          tainted.remove(target);
          opaque.remove(target);
          clean.merge(target, v.sanitized(), (x, y) -> x || y);
        } else {
          tainted.remove(target);
          clean.remove(target);
          opaque.add(target);
        }
      }
    }
    if (spec.propagators() != null && propagatorGate.mayMatch(statementText)) {
      Matcher m = spec.propagators().matcher(budgeted(ns));
      while (m.find()) {
        Taint t = evaluate(ns, cd, m.end(), ns.length(), statementText).taint();
        if (t == null && spec.sources() != null && sourceGate.mayMatch(statementText)) {
          // A call that reads input into its argument (fgets(buf, …), recv(s, buf, …)) is a source for that argument.
          Matcher src = spec.sources().matcher(budgeted(ns));
          if (src.find()) {
            t = new Taint(originOf(src.group()), false, false, List.of(line));
          }
        }
        String to = written(m);
        if (t != null && to != null) {
          tainted.put(to, t.through(line, true));
        }
      }
    }
  }

  /** Guards read the statement with string contents kept ({@code x.contains("..")} is a check about dots). */
  private void clearGuarded(String cd, LiteralGate.Text statementText) {
    if (spec.guards() == null || tainted.isEmpty() && opaque.isEmpty() || !guardGate.mayMatch(statementText)) {
      return;
    }
    Matcher m = guardPattern(spec.guards()).matcher(budgeted(cd));
    while (m.find()) {
      for (int g = 1; g <= m.groupCount(); g++) {
        String name = m.group(g);
        if (name != null && (tainted.remove(name) != null | opaque.remove(name))) {
          clean.put(name, true);
        }
      }
    }
  }

  /**
   * The guard template compiled once, each {@code ${var}} a capturing group for a name (the only groups: the loader
   * compiles templates with {@code x} in place of the placeholder, so a template's own groups would be rejected).
   */
  private static Pattern guardPattern(String template) {
    return GUARDS.computeIfAbsent(template, t -> {
      String[] parts = t.replace("(?<", "(?:<").split(Pattern.quote("${var}"), -1);
      StringBuilder sb = new StringBuilder(parts[0]);
      for (int i = 1; i < parts.length; i++) {
        sb.append("(\\$?[A-Za-z_]\\w*(?:(?:\\.|->)[A-Za-z_]\\w*)*)").append(parts[i]);
      }
      return Pattern.compile(sb.toString().replace("(?:<", "(?<"));
    });
  }

  private static final Map<String, Pattern> GUARDS = new java.util.concurrent.ConcurrentHashMap<>();

  private void checkSinks(Statements.Span span, String ns, String cd, int line, List<TaintFlow> flows, LiteralGate.Text statementText) {
    String ens = aliases.expand(ns);
    boolean expanded = !ens.equals(ns);
    String ecd = expanded ? aliases.expand(cd) : cd;
    if (ecd.length() != ens.length()) {
      ecd = ens; // an alias inside a string moved the offsets apart: give up interpolation checks here
    }
    LiteralGate.Text expandedText = expanded ? new LiteralGate.Text(ecd) : statementText;
    if (!sinkGate.mayMatch(expandedText)) {
      return;
    }
    // Sinks are matched with string contents visible (a sink may depend on a literal argument: Content(…, "text/html")),
    // but never inside a literal; arguments are then read on the view without strings, whose offsets are the same.
    boolean sameShape = ecd.length() == ens.length();
    Matcher m = spec.sinks().matcher(budgeted(sameShape ? ecd : ens));
    while (m.find()) {
      if (sameShape && m.start() < ens.length() && ens.charAt(m.start()) != ecd.charAt(m.start())) {
        continue;
      }
      int from;
      int to;
      char lastChar = m.end() > 0 ? ens.charAt(m.end() - 1) : ' ';
      if (lastChar == '(' || lastChar == ',') {
        // A call (or, for a match ending in a comma, the arguments after the ones the sink pattern consumed).
        int close = Arguments.enclosingClose(ens, m.end());
        List<int[]> args = Arguments.ranges(ens, m.end(), close);
        if (args.isEmpty()) {
          continue;
        }
        int[] first = args.get(0);
        int[] last = args.get(args.size() - 1);
        switch (spec.argument()) {
          case FIRST -> { from = first[0]; to = first[1]; }
          case LAST -> { from = last[0]; to = last[1]; }
          default -> { from = first[0]; to = last[1]; }
        }
      } else {
        from = m.end();
        to = ens.length();
      }
      Value v = evaluate(ens, ecd, from, to, expandedText);
      Taint t = v.taint();
      if (t == null) {
        if (v.opaque()) {
          unknown.add(new int[] {span.start(), span.end()});
        } else if (v.sanitized()) {
          cleared.add(new int[] {span.start(), span.end()});
        }
        continue;
      }
      boolean building = t.built() || built(ens, from, to);
      if (t.parameter() && !building) {
        continue; // a parameter handed on unchanged: the caller decides what it may hold
      }
      Taint at = t.through(line, building);
      int start = expanded ? span.start() : span.start() + m.start();
      int end = expanded ? Math.min(span.end(), start + m.group().length()) : span.start() + m.end();
      flows.add(new TaintFlow(start, end, at.origin(), at.parameter(), at.lines()));
      return; // one flow per statement is enough to report
    }
  }

  private static final Pattern DECLARED = Pattern.compile("\\b(?:fun|def|func|function|fn)\\s+$");
  private static final Pattern RETURN = Pattern.compile("return\\b\\s*");
  /** A Kotlin function whose body is one expression: {@code fun rows(sql: String): ResultSet = conn.query(sql)}. */
  private static final Pattern EXPRESSION_BODY = Pattern.compile("^\\s*(?:[\\w@]+\\s+)*fun\\b[^=]*\\)\\s*(?::\\s*[^=(){};]*)?=(?![=>])\\s*");

  private boolean hasExpressionBody(String ns) {
    return language == Language.KOTLIN && EXPRESSION_BODY.matcher(ns).find();
  }

  /**
   * A call to a function of the block that passes one of its parameters to the sink: the call is a sink for that
   * argument, and the flow's lines run on into the function to the sink there.
   */
  private void checkWrapperCalls(Statements.Span span, String ns, String cd, int line, List<TaintFlow> flows,
      LiteralGate.Text statementText) {
    Matcher m = summaryCalls.matcher(budgeted(ns));
    while (m.find()) {
      FunctionSummary f = summaries.get(m.group(1));
      if (f == null || f.sinkParameters().isEmpty() || DECLARED.matcher(ns.substring(Math.max(0, m.start() - 12), m.start())).find()) {
        continue; // not a call to it: its own header
      }
      int close = Arguments.enclosingClose(ns, m.end());
      List<int[]> args = Arguments.ranges(ns, m.end(), close);
      for (Map.Entry<Integer, Integer> p : f.sinkParameters().entrySet()) {
        if (p.getKey() >= args.size()) {
          continue;
        }
        int[] arg = args.get(p.getKey());
        Taint t = evaluate(ns, cd, arg[0], arg[1], statementText).taint();
        if (t == null) {
          continue;
        }
        boolean building = t.built() || built(ns, arg[0], arg[1]);
        if (t.parameter() && !building) {
          continue; // as at a sink: a parameter handed on unchanged is the caller's business
        }
        Taint at = t.through(line, building).through(p.getValue(), building);
        flows.add(new TaintFlow(span.start() + m.start(1), span.start() + m.end(), at.origin(), at.parameter(), at.lines()));
        return;
      }
    }
  }

  /**
   * What the expression {@code [from, to)} of a statement holds.
   *
   * @param statementText the statement, for the literal gates
   */
  private Value evaluate(String ns, String cd, int from, int to, LiteralGate.Text statementText) {
    char[] nsx = ns.substring(from, to).toCharArray();
    char[] cdx = cd.substring(from, Math.min(to, cd.length())).toCharArray();
    boolean sanitized = false;
    if (spec.sanitizers() != null && sanitizerGate.mayMatch(statementText)) {
      String expr = new String(nsx);
      Matcher m = spec.sanitizers().matcher(budgeted(expr));
      while (m.find()) {
        sanitized = true;
        int end = m.end() > 0 && expr.charAt(m.end() - 1) == '(' ? Arguments.closing(expr, m.end() - 1) + 1 : m.end();
        // A method-style sanitizer (x.toIntOrNull(), p.getFileName()) clears its receiver too.
        int begin = expr.charAt(m.start()) == '.' ? Arguments.receiverStart(expr, m.start()) : m.start();
        for (int i = begin; i < Math.min(end, nsx.length); i++) {
          nsx[i] = ' ';
          if (i < cdx.length) {
            cdx[i] = ' ';
          }
        }
      }
    }
    Taint returned = null;
    if (summaryCalls != null) {
      // Calls to the block's own functions: one that returns sanitised data clears its arguments like a sanitizer,
      // one that returns untrusted data is a source.
      String expr = new String(nsx);
      Matcher m = summaryCalls.matcher(budgeted(expr));
      while (m.find()) {
        FunctionSummary f = summaries.get(m.group(1));
        if (f != null && f.returnsClean()) {
          sanitized = true;
          int end = Arguments.closing(expr, m.end() - 1) + 1;
          for (int i = m.start(1); i < Math.min(end, nsx.length); i++) {
            nsx[i] = ' ';
            if (i < cdx.length) {
              cdx[i] = ' ';
            }
          }
        } else if (f != null && f.returnedSource() != null && returned == null) {
          List<Integer> l = new ArrayList<>(f.returnedLines());
          if (l.size() < MAX_PATH && l.get(l.size() - 1) != currentLine) {
            l.add(currentLine);
          }
          returned = new Taint(f.returnedSource(), false, false, List.copyOf(l));
        }
      }
    }
    String e = new String(nsx);
    String c = new String(cdx);
    if (spec.sources() != null && sourceGate.mayMatch(statementText)) {
      Matcher m = spec.sources().matcher(budgeted(e));
      if (m.find()) {
        return new Value(new Taint(originOf(m.group()), false, false, List.of(currentLine)), sanitized, false);
      }
    }
    if (returned != null) {
      return new Value(returned, sanitized, false);
    }
    // The names the expression mentions, looked up in the maps (linear in the expression, whatever the scope holds).
    java.util.Set<String> mentioned = mentionedNames(e, c);
    Taint found = null;
    for (String name : mentioned) {
      Taint t = tainted.get(name);
      if (t == null) {
        continue;
      }
      if (!t.parameter()) {
        return new Value(t, sanitized, false);
      }
      if (found == null || t.built() && !found.built()) {
        found = t; // of several parameters, report one that was built into a string
      }
    }
    if (found != null) {
      return new Value(found, sanitized, false);
    }
    boolean opaqueData = false;
    for (String name : mentioned) {
      if (opaque.contains(name)) {
        opaqueData = true;
      }
      if (Boolean.TRUE.equals(clean.get(name))) {
        sanitized = true;
      }
    }
    // Sanitised only counts when every variable left in the expression is known to be clean: one untracked value
    // (a field, a global, a call result) may still carry anything.
    return new Value(null, sanitized && onlyCleanNames(e), opaqueData);
  }

  private static final Pattern VARIABLE = Pattern.compile(
      "(?<![\\w$.>:])\\$?[A-Za-z_][\\w]*(?:\\s*(?:\\.|->|::|\\?\\.)\\s*\\$?[A-Za-z_]\\w*)*+(?!\\s*[(\"'`\\w])");
  private static final java.util.Set<String> WORDS = java.util.Set.of("true", "false", "null", "None", "True", "False",
      "nil", "this", "self", "new", "return", "await", "in", "not", "and", "or", "is", "if", "else", "as", "typeof");

  private boolean onlyCleanNames(String e) {
    Matcher m = VARIABLE.matcher(budgeted(e));
    while (m.find()) {
      String chain = withoutBlanks(m.group());
      if (WORDS.contains(chain) || chain.equals(chain.toUpperCase(java.util.Locale.ROOT))) {
        continue; // keywords and ALL_CAPS constants
      }
      if (!knownClean(chain)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the name, or the object it is a member of ({@code root} of {@code root.sep}), is known to be clean. */
  private boolean knownClean(String chain) {
    String c = chain;
    while (true) {
      if (clean.containsKey(c)) {
        return true;
      }
      int cut = Math.max(c.lastIndexOf('.'), Math.max(c.lastIndexOf("->"), c.lastIndexOf("::")));
      if (cut <= 0) {
        return false;
      }
      c = c.substring(0, cut);
    }
  }

  private static final Pattern NAME = Pattern.compile(
      "(?<![\\w$])\\$?[A-Za-z_][\\w]*(?:\\s*(?:\\.|->|::|\\?\\.)\\s*\\$?[A-Za-z_]\\w*)*+");
  private static final Pattern INTERPOLATED = Pattern.compile(
      "(?:\\$\\{|\\{|\\\\\\(|#\\{|\\$)\\s*([A-Za-z_]\\w*(?:\\s*(?:\\.|->)\\s*[A-Za-z_]\\w*)*+)");

  /**
   * Every name the expression mentions, with the objects it is a member of ({@code a.b.c} gives {@code a.b.c},
   * {@code a.b}, {@code a}), from the code outside literals and from substitutions inside interpolating literals.
   */
  private java.util.Set<String> mentionedNames(String e, String c) {
    java.util.Set<String> out = new java.util.HashSet<>();
    Matcher m = NAME.matcher(budgeted(e));
    while (m.find()) {
      if (m.start() > 0 && e.charAt(m.start() - 1) == '.' && (m.start() < 2 || e.charAt(m.start() - 2) != '.')) {
        continue; // a member of something else (obj.name), unless after a spread (...name)
      }
      addWithOwners(out, withoutBlanks(m.group()));
    }
    if (!c.equals(e)) {
      Matcher i = INTERPOLATED.matcher(budgeted(c));
      while (i.find()) {
        int at = i.end(1) - 1;
        if (at < e.length() && e.charAt(at) != c.charAt(at) && interpolating(e, c, i.start())) {
          String name = withoutBlanks(i.group(1));
          addWithOwners(out, name);
          addWithOwners(out, "$" + name);
        }
      }
    }
    return out;
  }

  /** {@code a . b} as {@code a.b} (a name chain may be written with blanks around its dots). */
  private static String withoutBlanks(String s) {
    int i = 0;
    while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length()).append(s, 0, i);
    for (; i < s.length(); i++) {
      if (!Character.isWhitespace(s.charAt(i))) {
        sb.append(s.charAt(i));
      }
    }
    return sb.toString();
  }

  private static void addWithOwners(java.util.Set<String> out, String chain) {
    String c = chain;
    while (out.size() < 4096) {
      out.add(c);
      int cut = Math.max(c.lastIndexOf('.'), Math.max(c.lastIndexOf("->"), c.lastIndexOf("::")));
      if (cut <= 0) {
        return;
      }
      c = c.substring(0, cut);
    }
  }

  /**
   * Whether the literal around {@code at} substitutes the form found there: Python only in f-strings, C# only in
   * {@code $"…"}, JavaScript only {@code ${…}} in template literals, nothing in Java, C, C++ and Go (a Jinja
   * {@code {{ x }}} or a MessageFormat {@code {0}} in a plain string is text, not the variable).
   */
  private static final Pattern F_STRING_PREFIX = Pattern.compile("(?:.*[^a-z])?[rb]?f[rb]?");

  private boolean interpolating(String ns, String cd, int at) {
    int quote = at;
    while (quote > 0 && "\"'`".indexOf(ns.charAt(quote)) < 0) {
      quote--;
    }
    String prefix = ns.substring(Math.max(0, quote - 3), quote);
    char form = cd.charAt(at);
    boolean dollarBrace = form == '$' && at + 1 < cd.length() && cd.charAt(at + 1) == '{';
    return switch (language) {
      case PYTHON -> form == '{' && F_STRING_PREFIX.matcher(prefix.toLowerCase(java.util.Locale.ROOT)).matches()
          && (at == 0 || cd.charAt(at - 1) != '{');
      case CSHARP -> form == '{' && (prefix.endsWith("$") || prefix.endsWith("$@") || prefix.endsWith("@$"));
      case JAVASCRIPT, TYPESCRIPT -> dollarBrace && ns.charAt(quote) == '`';
      case JAVA, C, CPP, GO, OBJECTIVE_C -> false;
      case RUBY -> form == '#';
      case SWIFT -> form == '\\';
      default -> true; // Kotlin and PHP $x / ${x} / {$x}, Rust {x}
    };
  }

  /** Alternatives of a propagator name what they write {@code to}, {@code to2}, {@code to3} or {@code to4}. */
  private String written(Matcher m) {
    for (String group : PROPAGATOR_GROUPS) {
      if (spec.propagators().pattern().contains("(?<" + group + ">") && m.group(group) != null) {
        return m.group(group);
      }
    }
    return null;
  }

  private static final String[] PROPAGATOR_GROUPS = {"to", "to2", "to3", "to4"};

  /** A source as it will read in a message: {@code request.getParameter}, not {@code request.getParameter(}. */
  private static String originOf(String matched) {
    return matched.replaceAll("[\\s(\\[<]+$", "").strip();
  }

  private boolean built(String ns, int from, int to) {
    return FORMATTING.matcher(budgeted(ns.substring(from, to))).find();
  }

  private CharSequence budgeted(String s) {
    return new BudgetedText(s, deadline);
  }
}
