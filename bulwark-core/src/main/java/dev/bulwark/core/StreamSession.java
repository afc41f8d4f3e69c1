package dev.bulwark.core;

import java.util.List;

/**
 * One scanner's state while it judges one streamed answer ({@link StreamMode.Custom}); the firewall creates one per
 * answer and calls it from one thread at a time.
 *
 * <p>The firewall releases text to the reader only up to {@link #checked()} of every session, unless the held tail
 * would grow past the stream's {@code max-hold-chars}; a session that judges late stops the stream late.
 */
public interface StreamSession {

  /**
   * Judges what it can of the answer so far.
   *
   * @param answer the answer so far; it only ever grows, and what was given before never changes
   * @param upTo where the firewall would like to release up to: a word break, or the answer's length when {@code last}
   * @param last true once, when the answer is complete
   * @return the verdicts of the pieces judged in this step, findings in the coordinates of the whole answer (start,
   *     end and line); empty when nothing new was judged
   */
  List<ScanResult> advance(CharSequence answer, int upTo, boolean last);

  /** Every finding that could start before this position has been judged; text before it may be released. */
  int checked();

  /** Opens a session for one answer. */
  @FunctionalInterface
  interface Factory {
    /**
     * @param template the answer's role and attributes (such as {@code language}); its content is empty
     * @param context the messages before the answer
     */
    StreamSession open(Message template, Trace context);
  }
}
