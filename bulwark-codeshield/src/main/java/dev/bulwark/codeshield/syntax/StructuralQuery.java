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

  private record Check(String name, String capture) {}

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
      q = new TSQuery(grammar, source);
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
    String name = words.get(0);
    switch (name) {
      case "eq?", "not-eq?", "match?", "not-match?", "any-of?", "not-any-of?" -> { }
      case "dynamic?", "constant?" -> {
        if (words.size() != 2 || !words.get(1).startsWith("@")) {
          throw new IllegalArgumentException("#" + name + " takes one capture, e.g. (#" + name + " @arg)");
        }
        out.add(new Check(name, words.get(1).substring(1)));
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
      cursor.execWithOptions(query, tree.root(), tree.text(), state -> {
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
        boolean constant = ConstantExpressions.isConstant(node, tree);
        if (c.name().equals("dynamic?") == constant) {
          return false;
        }
      }
    }
    return true;
  }
}
