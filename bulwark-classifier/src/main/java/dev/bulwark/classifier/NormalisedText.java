package dev.bulwark.classifier;

import java.util.Objects;

/**
 * Text after the normalise stage, with a map back to the original: every character of {@link #text()} knows the
 * offset of the original character it came from, so spans found in the normalised text can be reported in the
 * caller's text.
 *
 * @param original the caller's text
 * @param text the normalised text
 * @param toOriginal for each char of {@code text}, the offset in {@code original} it came from; one extra trailing
 *     entry holds {@code original.length()}
 */
public record NormalisedText(String original, String text, int[] toOriginal) {

  public NormalisedText {
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(text, "text");
    if (toOriginal.length != text.length() + 1) {
      throw new IllegalArgumentException("offset map has " + toOriginal.length + " entries for " + text.length() + " chars");
    }
  }

  /** The identity: no change. */
  public static NormalisedText identity(String text) {
    int[] map = new int[text.length() + 1];
    for (int i = 0; i <= text.length(); i++) {
      map[i] = i;
    }
    return new NormalisedText(text, text, map);
  }

  /** The start offset in the original of normalised offset {@code start}. */
  public int originalStart(int start) {
    return toOriginal[Math.max(0, Math.min(start, text.length()))];
  }

  /**
   * The end offset (exclusive) in the original of a span ending at normalised offset {@code end}: just after the
   * original character the last normalised character came from, extended over characters that normalisation removed.
   */
  public int originalEnd(int end) {
    int e = Math.max(0, Math.min(end, text.length()));
    if (e == 0) {
      return toOriginal[0];
    }
    if (e == text.length()) {
      return original.length();
    }
    return Math.max(toOriginal[e - 1] + 1, Math.min(toOriginal[e], original.length()));
  }

  /** True when normalisation changed nothing. */
  public boolean unchanged() {
    return original.equals(text);
  }
}
