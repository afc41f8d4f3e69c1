package dev.bulwark.core;

import java.util.Objects;

/**
 * How a scanner judges an answer that arrives in pieces ({@link AnswerStream}). Each mode keeps the total work linear
 * in the answer's length: no mode re-reads the whole prefix for every chunk.
 *
 * <ul>
 *   <li>{@link Window}: the rule scanners. Text is judged in windows that overlap by the longest match the scanner
 *       can make, and each window is cut at a word break; the streamed verdict equals the verdict on the whole answer.
 *   <li>{@link Sentences}: classifiers. Each run of completed sentences is judged with some text before it as
 *       context.
 *   <li>{@link EveryChars}: LLM judges. Judged every {@code chars} characters (with as much before it as context) and
 *       at the end; text is released without waiting for them.
 *   <li>{@link AtEnd}: the whole answer once, when it is complete (the default for scanners that declare nothing).
 *   <li>{@link Custom}: the scanner keeps its own state ({@code code-shield}: one scan per completed code block).
 * </ul>
 */
public sealed interface StreamMode {

  /** The mode of scanners that declare none: judged on the whole answer at the end. */
  static StreamMode atEnd() {
    return new AtEnd();
  }

  static StreamMode window(int maxMatchChars) {
    return new Window(maxMatchChars);
  }

  static StreamMode sentences(int contextChars) {
    return new Sentences(contextChars);
  }

  static StreamMode everyChars(int chars) {
    return new EveryChars(chars);
  }

  static StreamMode custom(StreamSession.Factory factory) {
    return new Custom(factory);
  }

  /**
   * Sliding windows. The scanner promises that a finding spans at most {@code maxMatchChars} characters and that
   * whether it exists depends on no more than a few dozen characters before it and on nothing after the word break
   * that follows it.
   */
  record Window(int maxMatchChars) implements StreamMode {
    public Window {
      if (maxMatchChars < 1) {
        throw new IllegalArgumentException("maxMatchChars must be positive, got " + maxMatchChars);
      }
    }
  }

  /** Completed sentences, judged with up to {@code contextChars} characters before them. */
  record Sentences(int contextChars) implements StreamMode {
    public Sentences {
      if (contextChars < 0) {
        throw new IllegalArgumentException("contextChars must not be negative, got " + contextChars);
      }
    }
  }

  /** Every {@code chars} new characters (with the {@code chars} before them as context), and at the end. */
  record EveryChars(int chars) implements StreamMode {
    public EveryChars {
      if (chars < 1) {
        throw new IllegalArgumentException("chars must be positive, got " + chars);
      }
    }
  }

  /** The whole answer, once, at the end. */
  record AtEnd() implements StreamMode {}

  /** The scanner's own incremental session. */
  record Custom(StreamSession.Factory factory) implements StreamMode {
    public Custom {
      Objects.requireNonNull(factory, "factory");
    }
  }
}
