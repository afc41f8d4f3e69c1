package dev.bulwark.core.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Finds many literals in a text in one pass (Aho–Corasick compiled to a dense ASCII automaton), with ASCII case
 * folded. Rule scanners use it as a prefilter: a rule whose anchor literals are absent cannot match, and when they are
 * present only the text around them needs the rule's regular expression.
 *
 * <p>A literal that begins with a letter or digit matches only at the start of a word ("ai" matches "AI" and "aims"
 * but not "said"), which keeps short anchors selective. Non-ASCII characters reset the automaton.
 */
public final class LiteralSet {
  private static final int ALPHABET = 128;

  /** Receives each occurrence: which group, and where in the text. */
  @FunctionalInterface
  public interface HitConsumer {
    void hit(int group, int start, int end);
  }

  private final int[] next;        // state * ALPHABET + char -> state
  private final int[][] outputs;   // state -> literal ids ending here (null when none)
  private final int[] literalGroup;
  private final int[] literalLength;
  private final boolean[] literalWordStart;
  private final int groups;

  private LiteralSet(int[] next, int[][] outputs, int[] group, int[] length, boolean[] wordStart, int groups) {
    this.next = next;
    this.outputs = outputs;
    this.literalGroup = group;
    this.literalLength = length;
    this.literalWordStart = wordStart;
    this.groups = groups;
  }

  /**
   * Builds the automaton. {@code literalsByGroup.get(g)} are the literals of group g (a rule); a group matches when any
   * of its literals occurs.
   */
  public static LiteralSet compile(List<List<String>> literalsByGroup) {
    List<int[]> trie = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    List<Integer> group = new ArrayList<>();
    List<Integer> length = new ArrayList<>();
    List<Boolean> wordStart = new ArrayList<>();
    trie.add(newRow());
    out.add(new ArrayList<>());
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
            out.add(new ArrayList<>());
          }
          state = trie.get(state)[c];
        }
        out.get(state).add(group.size());
        group.add(g);
        length.add(lit.length());
        wordStart.add(Character.isLetterOrDigit(lit.charAt(0)));
      }
    }
    int[] fail = new int[trie.size()];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int c = 0; c < ALPHABET; c++) {
      int s = trie.get(0)[c];
      if (s < 0) {
        trie.get(0)[c] = 0;
      } else {
        queue.add(s);
      }
    }
    while (!queue.isEmpty()) {
      int r = queue.poll();
      out.get(r).addAll(out.get(fail[r]));
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
    int[][] outputs = new int[trie.size()][];
    for (int s = 0; s < trie.size(); s++) {
      System.arraycopy(trie.get(s), 0, next, s * ALPHABET, ALPHABET);
      if (!out.get(s).isEmpty()) {
        outputs[s] = out.get(s).stream().mapToInt(Integer::intValue).toArray();
      }
    }
    boolean[] ws = new boolean[wordStart.size()];
    for (int i = 0; i < ws.length; i++) {
      ws[i] = wordStart.get(i);
    }
    return new LiteralSet(next, outputs, group.stream().mapToInt(Integer::intValue).toArray(),
        length.stream().mapToInt(Integer::intValue).toArray(), ws, literalsByGroup.size());
  }

  private static int[] newRow() {
    int[] row = new int[ALPHABET];
    Arrays.fill(row, -1);
    return row;
  }

  public int groups() {
    return groups;
  }

  /** Calls {@code consumer} for every occurrence of every literal, in text order of their ends. */
  public void forEachHit(CharSequence text, HitConsumer consumer) {
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
      int[] o = outputs[state];
      if (o != null) {
        for (int id : o) {
          int start = i - literalLength[id] + 1;
          if (literalWordStart[id] && start > 0 && isWordChar(text.charAt(start - 1))) {
            continue;
          }
          consumer.hit(literalGroup[id], start, i + 1);
        }
      }
    }
  }

  /** The groups with at least one literal in {@code text}. */
  public BitSet matches(CharSequence text) {
    BitSet found = new BitSet(groups);
    forEachHit(text, (g, s, e) -> found.set(g));
    return found;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
