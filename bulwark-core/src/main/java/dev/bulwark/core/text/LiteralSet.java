package dev.bulwark.core.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Finds which of many literals occur in a text in one pass (Aho–Corasick compiled to a dense ASCII automaton), with
 * ASCII case folded. Rule scanners use it as a prefilter: a rule whose anchor literals are absent cannot match, so
 * its regular expression never runs. Non-ASCII characters reset the automaton (literals are ASCII).
 */
public final class LiteralSet {
  private static final int ALPHABET = 128;

  private final int[] next;        // state * ALPHABET + char -> state
  private final long[][] outputs;  // state -> bit set of group ids (as longs), null when none
  private final int groups;

  private LiteralSet(int[] next, long[][] outputs, int groups) {
    this.next = next;
    this.outputs = outputs;
    this.groups = groups;
  }

  /**
   * Builds the automaton. {@code literalsByGroup.get(g)} are the literals of group g (a rule); a group matches when any
   * of its literals occurs.
   */
  public static LiteralSet compile(List<List<String>> literalsByGroup) {
    List<int[]> trie = new ArrayList<>();
    List<BitSet> out = new ArrayList<>();
    trie.add(newRow());
    out.add(new BitSet());
    for (int g = 0; g < literalsByGroup.size(); g++) {
      for (String literal : literalsByGroup.get(g)) {
        String lit = literal.toLowerCase(Locale.ROOT);
        if (lit.isEmpty()) {
          throw new IllegalArgumentException("empty prefilter literal");
        }
        int state = 0;
        for (int i = 0; i < lit.length(); i++) {
          char c = lit.charAt(i);
          if (c >= ALPHABET) {
            throw new IllegalArgumentException("prefilter literals must be ASCII: '" + literal + "'");
          }
          if (trie.get(state)[c] < 0) {
            trie.get(state)[c] = trie.size();
            trie.add(newRow());
            out.add(new BitSet());
          }
          state = trie.get(state)[c];
        }
        out.get(state).set(g);
      }
    }
    // Breadth-first failure links, folded into a full transition table.
    int[] fail = new int[trie.size()];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int c = 0; c < ALPHABET; c++) {
      int s = trie.get(0)[c];
      if (s < 0) {
        trie.get(0)[c] = 0;
      } else {
        fail[s] = 0;
        queue.add(s);
      }
    }
    while (!queue.isEmpty()) {
      int r = queue.poll();
      out.get(r).or(out.get(fail[r]));
      for (int c = 0; c < ALPHABET; c++) {
        int s = trie.get(r)[c];
        if (s < 0) {
          trie.get(r)[c] = trie.get(fail[r])[c];
        } else {
          fail[s] = trie.get(fail[r])[c];
          queue.add(s);
        }
      }
    }
    int[] next = new int[trie.size() * ALPHABET];
    long[][] outputs = new long[trie.size()][];
    for (int s = 0; s < trie.size(); s++) {
      System.arraycopy(trie.get(s), 0, next, s * ALPHABET, ALPHABET);
      if (!out.get(s).isEmpty()) {
        outputs[s] = out.get(s).toLongArray();
      }
    }
    return new LiteralSet(next, outputs, literalsByGroup.size());
  }

  private static int[] newRow() {
    int[] row = new int[ALPHABET];
    Arrays.fill(row, -1);
    return row;
  }

  /** The groups with at least one literal in {@code text}. */
  public BitSet matches(CharSequence text) {
    long[] found = new long[(groups + 63) / 64];
    int state = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= ALPHABET) {
        state = 0;
        continue;
      }
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + 32);
      }
      state = next[(state << 7) | c];
      long[] o = outputs[state];
      if (o != null) {
        for (int w = 0; w < o.length; w++) {
          found[w] |= o[w];
        }
      }
    }
    return BitSet.valueOf(found);
  }
}
