package dev.bulwark.text;

/**
 * A text as the user sent it and the normalised view scanners match on, with the map between the two.
 *
 * @param original what the user sent
 * @param text the normalised view
 * @param map where each view char came from in the original
 */
public record TextView(String original, String text, OffsetMap map) {
  /** True when the view differs from the original. */
  public boolean changed() {
    return !map.isIdentity();
  }

  /** The original span of view span {@code [start, end)}. */
  public Span originalSpan(int start, int end) {
    return map.originalSpan(start, end);
  }
}
