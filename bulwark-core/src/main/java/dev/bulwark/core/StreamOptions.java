package dev.bulwark.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How much of a streamed answer the firewall may hold back, and how long an answer may be.
 *
 * @param maxHoldChars the most characters held back from the reader at any time (the added latency, in text): text
 *     is released at the end of each sentence (or word) once it has been checked, and a held tail longer than this is
 *     released at its last word break even when a code block is still open
 * @param holdSentences true: release whole sentences (a line break also ends one); false: release at every word break
 * @param maxAnswerChars an answer longer than this stops the stream with a {@code block} verdict (status error)
 * @param maxAnswerTime an answer still arriving after this long stops the stream the same way
 */
public record StreamOptions(int maxHoldChars, boolean holdSentences, int maxAnswerChars, Duration maxAnswerTime) {
  public static final int DEFAULT_MAX_HOLD_CHARS = 512;
  public static final Duration DEFAULT_MAX_ANSWER_TIME = Duration.ofMinutes(10);

  public StreamOptions {
    if (maxHoldChars < 2) {
      throw new IllegalArgumentException("max-hold-chars must be at least 2, got " + maxHoldChars);
    }
    if (maxAnswerChars < 1) {
      throw new IllegalArgumentException("max-answer-chars must be positive, got " + maxAnswerChars);
    }
    Objects.requireNonNull(maxAnswerTime, "maxAnswerTime");
    if (maxAnswerTime.isNegative() || maxAnswerTime.isZero()) {
      throw new IllegalArgumentException("max-answer-time must be positive, got " + maxAnswerTime);
    }
  }

  /** Sentences, at most 512 characters held, the given size limit, ten minutes. */
  public static StreamOptions defaults(int maxAnswerChars) {
    return new StreamOptions(DEFAULT_MAX_HOLD_CHARS, true, maxAnswerChars, DEFAULT_MAX_ANSWER_TIME);
  }

  public StreamOptions withMaxHoldChars(int chars) {
    return new StreamOptions(chars, holdSentences, maxAnswerChars, maxAnswerTime);
  }

  public StreamOptions withHoldSentences(boolean sentences) {
    return new StreamOptions(maxHoldChars, sentences, maxAnswerChars, maxAnswerTime);
  }

  public StreamOptions withMaxAnswerChars(int chars) {
    return new StreamOptions(maxHoldChars, holdSentences, chars, maxAnswerTime);
  }

  public StreamOptions withMaxAnswerTime(Duration time) {
    return new StreamOptions(maxHoldChars, holdSentences, maxAnswerChars, time);
  }
}
