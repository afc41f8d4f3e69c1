package dev.bulwark.codeshield.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Derives, from a rule's regex, literals of which at least one must occur in any text the regex can match (lower
 * case; the check is case-insensitive, so it is a safe over-approximation). {@code java.util.regex} tries every
 * alternative at every position, which is slow for rules with many alternatives; {@code String.contains} on a few
 * literals is a hundred times cheaper and lets most rules skip most snippets without running at all.
 *
 * <p>The analysis is conservative: anything it does not understand yields "no requirement", never a wrong one.
 */
public final class RequiredLiterals {
  private static final int MIN_LENGTH = 2;

  private final String re;
  private final boolean caseSensitive;
  private int pos;

  private RequiredLiterals(String re, boolean caseSensitive) {
    this.re = re;
    this.caseSensitive = caseSensitive;
  }

  /** An inline flag that turns on case-insensitive matching for (part of) a regex: {@code (?i)}, {@code (?iu:…)}. */
  static final java.util.regex.Pattern CASE_INSENSITIVE_FLAG = java.util.regex.Pattern.compile("\\(\\?[a-zA-Z]*i[a-zA-Z]*[:)]");

  /**
   * Literals of which at least one occurs, exactly as written, in every match of a regex compiled without
   * {@code CASE_INSENSITIVE}; null when the regex has case-insensitive parts or none could be derived.
   */
  public static List<String> ofCaseSensitive(String regex) {
    if (CASE_INSENSITIVE_FLAG.matcher(regex).find()) {
      return null;
    }
    Requirement r = requirement(regex, true);
    return r == null ? null : List.copyOf(r.maxBefore().keySet());
  }

  /** The literals in lower case (at least one must occur, ignoring ASCII case), or null when none could be derived. */
  public static List<String> of(String regex) {
    Requirement r = requirement(regex, false);
    return r == null ? null : List.copyOf(r.maxBefore().keySet());
  }

  /**
   * One of the literals (the keys) occurs in every match, starting at most that many chars after the match's start
   * (the value; {@link #UNBOUNDED} when the part of the regex before it can be arbitrarily long).
   */
  record Requirement(Map<String, Integer> maxBefore) {}

  static final int UNBOUNDED = Integer.MAX_VALUE;
  /** A literal that starts at most this far into a match is preferred to a longer one that may start anywhere. */
  private static final int NEAR = 64;

  /**
   * The requirement, or null when no useful one could be derived. With {@code caseSensitive} (only for a regex
   * without case-insensitive parts) the literals keep their case, so one of them must occur exactly; otherwise they
   * are lower case and must occur in the ASCII-lower-cased text. Literals outside ASCII give no requirement (the
   * regex's case folding and the text's lower-casing could disagree).
   */
  static Requirement requirement(String regex, boolean caseSensitive) {
    try {
      RequiredLiterals p = new RequiredLiterals(regex, caseSensitive);
      Req r = p.alternation();
      if (p.pos != regex.length() || r.literals == null || r.literals.isEmpty()) {
        return null;
      }
      for (String s : r.literals.keySet()) {
        if (!usable(s) || !s.chars().allMatch(c -> c < 0x80)) {
          return null;
        }
      }
      return new Requirement(Map.copyOf(r.literals));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * What a piece of regex requires: literals (null: nothing known) with how far into the piece each may start, and
   * how long a match of the whole piece can be.
   */
  private record Req(Map<String, Integer> literals, int maxWidth) {
    /** The same literals, each starting {@code offset} chars further in. */
    Map<String, Integer> shifted(int offset) {
      Map<String, Integer> out = new LinkedHashMap<>();
      literals.forEach((l, b) -> out.put(l, plus(b, offset)));
      return out;
    }
  }

  private static int plus(int a, int b) {
    return a == UNBOUNDED || b == UNBOUNDED ? UNBOUNDED : (int) Math.min(UNBOUNDED - 1L, (long) a + b);
  }

  private static int times(int a, int n) {
    if (a == 0 || n == 0) {
      return 0;
    }
    return a == UNBOUNDED || n == UNBOUNDED ? UNBOUNDED : (int) Math.min(UNBOUNDED - 1L, (long) a * n);
  }

  /** Requirement of an alternation: every branch must have one, and the union is required. */
  private Req alternation() {
    Map<String, Integer> union = new LinkedHashMap<>();
    boolean allHave = true;
    int maxWidth = 0;
    while (true) {
      Req branch = sequence();
      if (branch.literals == null) {
        allHave = false;
      } else {
        branch.literals.forEach((l, b) -> union.merge(l, b, Math::max));
      }
      maxWidth = Math.max(maxWidth, branch.maxWidth);
      if (pos < re.length() && re.charAt(pos) == '|') {
        pos++;
        continue;
      }
      break;
    }
    return new Req(allHave ? union : null, maxWidth);
  }

  /** Requirement of a sequence: the most selective of its required literal runs and required groups. */
  private Req sequence() {
    List<Req> candidates = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    int runStart = 0;
    int width = 0;
    while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
      Element e = element();
      int[] q = quantifier();
      boolean required = q[0] >= 1;
      boolean single = q[0] == 1 && q[1] == 1;
      if (e.literal != 0 && required) {
        if (run.length() == 0) {
          runStart = width;
        }
        run.append(e.literal);
        width = plus(width, times(1, q[1]));
        if (!single) {
          flush(run, runStart, candidates);
        }
        continue;
      }
      flush(run, runStart, candidates);
      if (e.group != null && e.group.literals != null && required) {
        candidates.add(new Req(e.group.shifted(width), 0));
      }
      width = plus(width, times(e.maxWidth, q[1]));
    }
    flush(run, runStart, candidates);
    Req best = null;
    int bestScore = -1;
    for (Req c : candidates) {
      int min = c.literals.keySet().stream().mapToInt(String::length).min().orElse(0);
      // Prefer literals the match starts a known short distance before: then only those positions need trying.
      boolean near = min >= 3 && c.literals.values().stream().allMatch(b -> b <= NEAR);
      int score = min * 100 - c.literals.size() + (near ? 1000 : 0);
      if (c.literals.keySet().stream().allMatch(RequiredLiterals::usable) && score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    return new Req(best == null ? null : best.literals, width);
  }

  /**
   * Long enough to be selective: two chars, or a backtick (rare in code but for shell commands and template
   * literals, which is what the rules that start with one look for).
   */
  static boolean usable(String literal) {
    return literal.length() >= MIN_LENGTH || literal.equals("`");
  }

  private void flush(StringBuilder run, int start, List<Req> candidates) {
    if (run.length() > 0) {
      candidates.add(new Req(Map.of(folded(run.toString()), start), 0));
      run.setLength(0);
    }
  }

  private String folded(String literal) {
    return caseSensitive ? literal : literal.toLowerCase(Locale.ROOT);
  }

  /** One atom: a literal char, a group (with its requirement), or something else; and its longest match. */
  private record Element(char literal, Req group, int maxWidth) {
    static Element some(int width) {
      return new Element((char) 0, null, width);
    }
  }

  private Element element() {
    char c = re.charAt(pos++);
    switch (c) {
      case '\\' -> {
        char e = re.charAt(pos++);
        if ("bBAzZG".indexOf(e) >= 0) {
          return Element.some(0);
        }
        if ("dDsSwWhHvV".indexOf(e) >= 0) {
          return Element.some(1);
        }
        if (e == 'R') {
          return Element.some(2);
        }
        if (e == 'X' || Character.isDigit(e)) {
          return Element.some(UNBOUNDED);
        }
        if (e == 'k') { // \k<name> back-reference
          pos = re.indexOf('>', pos) + 1;
          return Element.some(UNBOUNDED);
        }
        if (e == 'p' || e == 'P') {
          if (re.charAt(pos) == '{') {
            pos = re.indexOf('}', pos) + 1;
          } else {
            pos++;
          }
          return Element.some(1);
        }
        if (e == 'Q') {
          int end = re.indexOf("\\E", pos);
          end = end < 0 ? re.length() : end;
          String lit = re.substring(pos, end);
          pos = Math.min(re.length(), end + 2);
          Req group = usable(lit) ? new Req(Map.of(folded(lit), 0), lit.length()) : null;
          return new Element((char) 0, group, lit.length());
        }
        if (e == 'n') {
          return new Element('\n', null, 1);
        }
        if (e == 't') {
          return new Element('\t', null, 1);
        }
        if (e == 'x' || e == 'u' || e == '0' || e == 'c' || e == 'e' || e == 'f' || e == 'r' || e == 'a') {
          throw new IllegalStateException("escape not analysed");
        }
        return new Element(e, null, 1);
      }
      case '[' -> {
        skipClass();
        return Element.some(1);
      }
      case '.' -> {
        return Element.some(1);
      }
      case '^', '$' -> {
        return Element.some(0);
      }
      case '(' -> {
        boolean zeroWidth = false;
        if (re.startsWith("?", pos)) {
          if (re.startsWith("?:", pos) || re.startsWith("?>", pos)) {
            pos += 2;
          } else if (re.startsWith("?=", pos) || re.startsWith("?!", pos)) {
            pos += 2;
            zeroWidth = true;
          } else if (re.startsWith("?<=", pos) || re.startsWith("?<!", pos)) {
            pos += 3;
            zeroWidth = true;
          } else if (re.startsWith("?<", pos)) {
            pos = re.indexOf('>', pos) + 1;
          } else {
            // inline flags: (?i) or (?i:...)
            int j = pos + 1;
            while (j < re.length() && Character.isLetter(re.charAt(j)) || j < re.length() && re.charAt(j) == '-') {
              j++;
            }
            if (re.charAt(j) == ')') {
              pos = j + 1;
              return Element.some(0);
            }
            pos = j + 1; // ':'
          }
        }
        Req inner = alternation();
        if (pos >= re.length() || re.charAt(pos) != ')') {
          throw new IllegalStateException("unbalanced group");
        }
        pos++;
        return zeroWidth ? Element.some(0) : new Element((char) 0, inner, inner.maxWidth);
      }
      case '*', '+', '?', '{', '|', ')' -> throw new IllegalStateException("unexpected " + c);
      default -> {
        return new Element(c, null, 1);
      }
    }
  }

  private void skipClass() {
    if (pos < re.length() && re.charAt(pos) == '^') {
      pos++;
    }
    if (pos < re.length() && re.charAt(pos) == ']') {
      pos++;
    }
    while (pos < re.length() && re.charAt(pos) != ']') {
      if (re.charAt(pos) == '\\') {
        pos++;
      } else if (re.charAt(pos) == '[') {
        pos++;
        skipClass();
      }
      pos++;
    }
    pos++;
  }

  /** {min, max} of the quantifier after an atom ({1, 1} when none), consuming lazy/possessive suffixes. */
  private int[] quantifier() {
    int[] q = {1, 1};
    if (pos >= re.length()) {
      return q;
    }
    char c = re.charAt(pos);
    if (c == '*') {
      q = new int[] {0, Integer.MAX_VALUE};
      pos++;
    } else if (c == '+') {
      q = new int[] {1, Integer.MAX_VALUE};
      pos++;
    } else if (c == '?') {
      q = new int[] {0, 1};
      pos++;
    } else if (c == '{' && pos + 1 < re.length() && Character.isDigit(re.charAt(pos + 1))) {
      int end = re.indexOf('}', pos);
      String[] parts = re.substring(pos + 1, end).split(",", -1);
      int min = Integer.parseInt(parts[0].trim());
      int max = parts.length == 1 ? min : parts[1].isBlank() ? Integer.MAX_VALUE : Integer.parseInt(parts[1].trim());
      q = new int[] {min, max};
      pos = end + 1;
    } else {
      return q;
    }
    if (pos < re.length() && (re.charAt(pos) == '?' || re.charAt(pos) == '+')) {
      pos++;
    }
    return q;
  }
}
