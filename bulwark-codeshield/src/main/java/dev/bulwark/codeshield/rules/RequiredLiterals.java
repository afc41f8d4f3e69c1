package dev.bulwark.codeshield.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Derives, from a rule's regex, literals of which at least one must occur in any text the regex can match (lower
 * case; the check is case-insensitive, so it is a safe over-approximation). {@code java.util.regex} tries every
 * alternative at every position, which is slow for rules with many alternatives; {@code String.contains} on a few
 * literals is a hundred times cheaper and lets most rules skip most snippets without running at all.
 *
 * <p>The analysis is conservative: anything it does not understand yields "no requirement", never a wrong one.
 */
final class RequiredLiterals {
  private static final int MIN_LENGTH = 2;

  private final String re;
  private final boolean caseSensitive;
  private int pos;

  private RequiredLiterals(String re, boolean caseSensitive) {
    this.re = re;
    this.caseSensitive = caseSensitive;
  }

  /** The literals in lower case (at least one must occur, ignoring ASCII case), or null when none could be derived. */
  static List<String> of(String regex) {
    return of(regex, false);
  }

  /**
   * The literals, or null when no useful requirement could be derived. With {@code caseSensitive} (only for a regex
   * without case-insensitive parts) they keep their case, so one of them must occur exactly; otherwise they are lower
   * case and must occur in the ASCII-lower-cased text. Literals outside ASCII give no requirement (the regex's case
   * folding and the text's lower-casing could disagree).
   */
  static List<String> of(String regex, boolean caseSensitive) {
    try {
      RequiredLiterals p = new RequiredLiterals(regex, caseSensitive);
      Set<String> r = p.alternation();
      if (p.pos != regex.length() || r == null || r.isEmpty()) {
        return null;
      }
      for (String s : r) {
        if (s.length() < MIN_LENGTH || !s.chars().allMatch(c -> c < 0x80)) {
          return null;
        }
      }
      return List.copyOf(r);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Requirement of an alternation: every branch must have one, and the union is required. */
  private Set<String> alternation() {
    Set<String> union = new LinkedHashSet<>();
    boolean allHave = true;
    while (true) {
      Set<String> branch = sequence();
      if (branch == null) {
        allHave = false;
      } else {
        union.addAll(branch);
      }
      if (pos < re.length() && re.charAt(pos) == '|') {
        pos++;
        continue;
      }
      break;
    }
    return allHave ? union : null;
  }

  /** Requirement of a sequence: the most selective of its required literal runs and required groups. */
  private Set<String> sequence() {
    List<Set<String>> candidates = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
      Element e = element();
      int[] q = quantifier();
      boolean required = q[0] >= 1;
      boolean single = q[0] == 1 && q[1] == 1;
      if (e.literal != 0 && required) {
        run.append(e.literal);
        if (!single) {
          flush(run, candidates);
        }
        continue;
      }
      flush(run, candidates);
      if (e.group != null && required) {
        candidates.add(e.group);
      }
    }
    flush(run, candidates);
    Set<String> best = null;
    int bestScore = -1;
    for (Set<String> c : candidates) {
      int min = c.stream().mapToInt(String::length).min().orElse(0);
      int score = min * 100 - c.size();
      if (min >= MIN_LENGTH && score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    return best;
  }

  private void flush(StringBuilder run, List<Set<String>> candidates) {
    if (run.length() > 0) {
      candidates.add(Set.of(folded(run.toString())));
      run.setLength(0);
    }
  }

  private String folded(String literal) {
    return caseSensitive ? literal : literal.toLowerCase(Locale.ROOT);
  }

  /** One atom: a literal char, a group (with its requirement), or something that matches "some char". */
  private record Element(char literal, Set<String> group) {}

  private Element element() {
    char c = re.charAt(pos++);
    switch (c) {
      case '\\' -> {
        char e = re.charAt(pos++);
        if ("dDsSwWbBAzZGhHvVRX".indexOf(e) >= 0 || Character.isDigit(e)) {
          return new Element((char) 0, null);
        }
        if (e == 'k') { // \k<name> back-reference
          pos = re.indexOf('>', pos) + 1;
          return new Element((char) 0, null);
        }
        if (e == 'p' || e == 'P') {
          if (re.charAt(pos) == '{') {
            pos = re.indexOf('}', pos) + 1;
          } else {
            pos++;
          }
          return new Element((char) 0, null);
        }
        if (e == 'Q') {
          int end = re.indexOf("\\E", pos);
          end = end < 0 ? re.length() : end;
          String lit = re.substring(pos, end);
          pos = Math.min(re.length(), end + 2);
          return new Element((char) 0, lit.length() >= MIN_LENGTH ? Set.of(folded(lit)) : null);
        }
        if (e == 'n') {
          return new Element('\n', null);
        }
        if (e == 't') {
          return new Element('\t', null);
        }
        if (e == 'x' || e == 'u' || e == '0' || e == 'c' || e == 'e' || e == 'f' || e == 'r' || e == 'a') {
          throw new IllegalStateException("escape not analysed");
        }
        return new Element(e, null);
      }
      case '[' -> {
        skipClass();
        return new Element((char) 0, null);
      }
      case '.', '^', '$' -> {
        return new Element((char) 0, null);
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
              return new Element((char) 0, null);
            }
            pos = j + 1; // ':'
          }
        }
        Set<String> inner = alternation();
        if (pos >= re.length() || re.charAt(pos) != ')') {
          throw new IllegalStateException("unbalanced group");
        }
        pos++;
        return new Element((char) 0, zeroWidth ? null : inner == null ? null : inner);
      }
      case '*', '+', '?', '{', '|', ')' -> throw new IllegalStateException("unexpected " + c);
      default -> {
        return new Element(c, null);
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
