package dev.bulwark.codeshield.syntax;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSQuery;
import org.treesitter.TSQueryCapture;
import org.treesitter.TSQueryCursor;
import org.treesitter.TSQueryException;
import org.treesitter.TSQueryMatch;
import org.treesitter.TSQueryPredicateStep;
import org.treesitter.TSQueryPredicateStepType;

/**
 * A compiled tree-sitter query plus the predicates tree-sitter does not know. The standard text predicates
 * ({@code #eq?}, {@code #match?}, {@code #any-of?} and their {@code not-} forms) are evaluated by the binding; these
 * are evaluated here:
 * <ul>
 *   <li>{@code (#dynamic? @x)}: {@code @x} is not a compile-time constant (see {@link ConstantExpressions});</li>
 *   <li>{@code (#constant? @x)}: it is.</li>
 * </ul>
 * A {@link TSQuery} is immutable once built and may be shared by threads; each run uses its own cursor.
 */
public final class StructuralQuery {
  private final TSQuery query;
  private final List<List<Check>> checksByPattern;

  /** A predicate over one capture: name, capture, and its arguments (a string list, or another capture as "@x"). */
  private record Check(String name, String capture, List<String> args, java.util.regex.Pattern regex) {}

  /** Standard predicates are renamed so the binding does not evaluate them (it would need the text per match). */
  private static final java.util.regex.Pattern STANDARD =
      java.util.regex.Pattern.compile("#(not-)?(eq|match|any-of)\\?");

  /** One match: the nodes of each capture name. */
  public record Match(Map<String, List<TSNode>> captures) {
    public TSNode first(String name) {
      List<TSNode> nodes = captures.get(name);
      return nodes == null || nodes.isEmpty() ? null : nodes.get(0);
    }
  }

  private StructuralQuery(TSQuery query, List<List<Check>> checksByPattern) {
    this.query = query;
    this.checksByPattern = checksByPattern;
  }

  /**
   * @throws IllegalArgumentException when the query does not compile for {@code grammar}, or uses an unknown predicate
   */
  public static StructuralQuery compile(TSLanguage grammar, String source) {
    TSQuery q;
    try {
      q = new TSQuery(grammar, STANDARD.matcher(source).replaceAll(m -> "#bw-" + (m.group(1) == null ? "" : "not-") + m.group(2) + "?"));
    } catch (TSQueryException e) {
      throw new IllegalArgumentException("query does not compile: " + e.getMessage(), e);
    }
    List<List<Check>> checks = new ArrayList<>();
    for (int p = 0; p < q.getPatternCount(); p++) {
      List<Check> list = new ArrayList<>();
      List<String> words = new ArrayList<>();
      for (TSQueryPredicateStep step : q.getPredicateForPattern(p)) {
        if (step.getType() == TSQueryPredicateStepType.TSQueryPredicateStepTypeDone) {
          addCheck(words, list);
          words.clear();
        } else if (step.getType() == TSQueryPredicateStepType.TSQueryPredicateStepTypeCapture) {
          words.add("@" + q.getCaptureNameForId(step.getValueId()));
        } else {
          words.add(q.getStringValueForId(step.getValueId()));
        }
      }
      checks.add(List.copyOf(list));
    }
    return new StructuralQuery(q, checks);
  }

  private static void addCheck(List<String> words, List<Check> out) {
    if (words.isEmpty()) {
      return;
    }
    String name = words.get(0).startsWith("bw-") ? words.get(0).substring(3) : words.get(0);
    if (words.size() < 2 || !words.get(1).startsWith("@")) {
      throw new IllegalArgumentException("#" + name + " needs a capture as its first argument");
    }
    String capture = words.get(1).substring(1);
    List<String> args = List.copyOf(words.subList(2, words.size()));
    switch (name) {
      case "eq?", "not-eq?", "any-of?", "not-any-of?" -> out.add(new Check(name, capture, args, null));
      case "match?", "not-match?" -> {
        if (args.size() != 1) {
          throw new IllegalArgumentException("#" + name + " takes a capture and one regex");
        }
        out.add(new Check(name, capture, args, java.util.regex.Pattern.compile(args.get(0))));
      }
      case "dynamic?", "constant?" -> {
        if (!args.isEmpty()) {
          throw new IllegalArgumentException("#" + name + " takes one capture, e.g. (#" + name + " @arg)");
        }
        out.add(new Check(name, capture, args, null));
      }
      default -> throw new IllegalArgumentException("unknown predicate #" + name
          + "; known: #eq? #not-eq? #match? #not-match? #any-of? #not-any-of? #dynamic? #constant?");
    }
  }

  /**
   * Runs the query over {@code tree}, limited to matches intersecting {@code [from, to)} (char offsets).
   *
   * @return the matches, or null when the deadline passed first
   */
  public List<Match> run(SyntaxTree tree, int from, int to, long deadlineNanos, int maxMatches) {
    List<Match> out = new ArrayList<>();
    try (TSQueryCursor cursor = new TSQueryCursor()) {
      cursor.setByteRange(from, to);
      boolean[] timedOut = {false};
      cursor.execWithOptions(query, tree.root(), state -> {
        if (System.nanoTime() > deadlineNanos) {
          timedOut[0] = true;
          return true;
        }
        return false;
      });
      TSQueryMatch m = new TSQueryMatch();
      while (cursor.nextMatch(m)) {
        Map<String, List<TSNode>> captures = new HashMap<>();
        for (TSQueryCapture c : m.getCaptures()) {
          captures.computeIfAbsent(query.getCaptureNameForId(c.getIndex()), k -> new ArrayList<>()).add(c.getNode());
        }
        Match match = new Match(captures);
        if (passes(match, checksByPattern.get(m.getPatternIndex()), tree)) {
          out.add(match);
          if (out.size() >= maxMatches) {
            break;
          }
        }
        if (System.nanoTime() > deadlineNanos) {
          return null;
        }
      }
      return timedOut[0] ? null : out;
    }
  }

  private static boolean passes(Match match, List<Check> checks, SyntaxTree tree) {
    for (Check c : checks) {
      List<TSNode> nodes = match.captures().get(c.capture());
      if (nodes == null || nodes.isEmpty()) {
        // An optional capture that did not match: the predicate has nothing to judge.
        continue;
      }
      for (TSNode node : nodes) {
        if (!holds(c, node, match, tree)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean holds(Check c, TSNode node, Match match, SyntaxTree tree) {
    return switch (c.name()) {
      case "dynamic?" -> !ConstantExpressions.isConstant(node, tree);
      case "constant?" -> ConstantExpressions.isConstant(node, tree);
      case "match?" -> c.regex().matcher(tree.text(node)).find();
      case "not-match?" -> !c.regex().matcher(tree.text(node)).find();
      case "any-of?" -> c.args().contains(tree.text(node));
      case "not-any-of?" -> !c.args().contains(tree.text(node));
      case "eq?", "not-eq?" -> {
        String expected;
        String arg = c.args().isEmpty() ? "" : c.args().get(0);
        if (arg.startsWith("@")) {
          TSNode other = match.first(arg.substring(1));
          expected = other == null ? null : tree.text(other);
        } else {
          expected = arg;
        }
        boolean eq = tree.text(node).equals(expected);
        yield c.name().equals("eq?") == eq;
      }
      default -> true;
    };
  }
}
