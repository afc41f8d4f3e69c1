package dev.bulwark.core.pii;

import java.util.List;

/**
 * Masks personal data: {@code "mail jane@example.com"} becomes {@code "mail [EMAIL]"}. Use it to clean text before it
 * is logged, stored or sent to a model, instead of (or after) blocking it.
 */
public final class PiiRedactor {
  /** The redacted text and what was removed (spans refer to the original text). */
  public record Redaction(String text, List<PiiMatch> matches) {
    public boolean changed() {
      return !matches.isEmpty();
    }
  }

  private final PiiDetector detector;

  public PiiRedactor(PiiDetector detector) {
    this.detector = detector;
  }

  public static PiiRedactor all() {
    return new PiiRedactor(PiiDetector.all());
  }

  public Redaction redact(String text) {
    List<PiiMatch> matches = detector.find(text);
    return new Redaction(apply(text, matches), matches);
  }

  /** Replaces each span with its type's mask. */
  public static String apply(String text, List<PiiMatch> matches) {
    if (matches.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (PiiMatch m : matches) {
      out.append(text, at, m.start()).append(m.type().mask());
      at = m.end();
    }
    return out.append(text, at, text.length()).toString();
  }
}
