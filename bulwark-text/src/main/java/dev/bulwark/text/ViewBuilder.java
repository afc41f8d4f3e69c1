package dev.bulwark.text;

import java.util.Arrays;

/**
 * What a {@link TextStage} writes into: output chars, each with the span of the stage's input it stands for. Stages
 * write in input order, so the map stays monotonic.
 */
public final class ViewBuilder {
  private final String input;
  private final StringBuilder text;
  private int[] starts;
  private int[] ends;
  private int length;
  private boolean changed;
  private boolean keep;

  ViewBuilder(String input) {
    this.input = input;
    int capacity = input.length() + 16;
    this.text = new StringBuilder(capacity);
    this.starts = new int[capacity];
    this.ends = new int[capacity];
  }

  /** Copies input chars {@code [from, to)} unchanged. */
  public void copy(int from, int to) {
    ensure(to - from);
    text.append(input, from, to);
    for (int i = from; i < to; i++) {
      starts[length] = i;
      ends[length++] = i + 1;
    }
  }

  /** Copies the code point at {@code at} (one or two chars) unchanged; a surrogate pair is never split. */
  public int copyCodePoint(int at) {
    int width = Character.isHighSurrogate(input.charAt(at)) && at + 1 < input.length()
        && Character.isLowSurrogate(input.charAt(at + 1)) ? 2 : 1;
    ensure(width);
    for (int k = 0; k < width; k++) {
      text.append(input.charAt(at + k));
      starts[length] = at;
      ends[length++] = at + width;
    }
    return width;
  }

  /** Writes {@code replacement} in place of input chars {@code [from, to)}; every char of it maps to that span. */
  public void replace(int from, int to, CharSequence replacement) {
    if (to <= from) {
      throw new IllegalArgumentException("a replacement must stand for at least one input char");
    }
    changed = true;
    int n = replacement.length();
    ensure(n);
    text.append(replacement);
    for (int k = 0; k < n; k++) {
      starts[length] = from;
      ends[length++] = to;
    }
  }

  /** Writes one char in place of input chars {@code [from, to)}. */
  public void replace(int from, int to, char c) {
    if (to <= from) {
      throw new IllegalArgumentException("a replacement must stand for at least one input char");
    }
    changed = true;
    ensure(1);
    text.append(c);
    starts[length] = from;
    ends[length++] = to;
  }

  /**
   * Declares that the stage leaves its input as it is, whatever was written so far: the view is the input and the map
   * the identity. Lets a stage that found nothing to do after reading the text skip copying it.
   */
  public void keepInput() {
    keep = true;
  }

  /** Drops input chars (nothing is written); recorded only so the builder knows the view changed. */
  public void drop() {
    changed = true;
  }

  private boolean changed() {
    return !keep && (changed || length != input.length());
  }

  String text() {
    return changed() ? text.toString() : input;
  }

  OffsetMap map() {
    return changed() ? OffsetMap.of(input.length(), length, starts, ends) : OffsetMap.identity(input.length());
  }

  private void ensure(int more) {
    if (length + more > starts.length) {
      int size = Math.max(length + more, starts.length * 2);
      starts = Arrays.copyOf(starts, size);
      ends = Arrays.copyOf(ends, size);
    }
  }
}
