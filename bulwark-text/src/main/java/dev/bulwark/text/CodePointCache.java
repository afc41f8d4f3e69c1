package dev.bulwark.text;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * A per-code-point answer computed once: a plain array for the BMP (racy but safe, the values are immutable Strings)
 * and a map for the rest. {@link #SAME} marks code points the function leaves alone.
 */
final class CodePointCache {
  static final String SAME = new String("");

  private final IntFunction<String> function;
  private final String[] bmp = new String[0x10000];
  private final ConcurrentHashMap<Integer, String> supplementary = new ConcurrentHashMap<>();

  CodePointCache(IntFunction<String> function) {
    this.function = function;
  }

  /** The replacement for {@code cp}, or {@link #SAME}. */
  String get(int cp) {
    if (cp < 0x10000) {
      String s = bmp[cp];
      if (s == null) {
        s = compute(cp);
        bmp[cp] = s;
      }
      return s;
    }
    return supplementary.computeIfAbsent(cp, this::compute);
  }

  private String compute(int cp) {
    String s = function.apply(cp);
    return s == null ? SAME : s;
  }
}
