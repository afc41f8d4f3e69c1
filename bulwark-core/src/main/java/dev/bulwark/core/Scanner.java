package dev.bulwark.core;

import java.util.Set;

/**
 * The one extension point: something that looks at a message and returns a verdict.
 *
 * <p>Implementations are built once (from configuration, through a {@link ScannerProvider}, or in code) and reused
 * for every message, concurrently: they must be thread-safe, and anything expensive (models, compiled rules,
 * HTTP clients) belongs in the constructor, never in {@link #scan}.
 */
public interface Scanner extends AutoCloseable {

  /** The scanner's name as configuration and results show it, e.g. {@code prompt-guard}. */
  String name();

  /** The roles the scanner is meant for; presets bind it to these. Configuration may bind it elsewhere. */
  Set<Role> roles();

  /**
   * Judges {@code message} in the context of the messages before it.
   *
   * <p>Throwing is allowed and safe: the firewall turns an exception into a result with status {@code error} and
   * the scanner's failure mode. A result with status {@code error} is treated the same way.
   *
   * @param message the message to judge
   * @param context the messages before it, oldest first; empty, never null
   */
  ScanResult scan(Message message, Trace context);

  /** Where the firewall should run this scanner; see {@link Cost}. */
  default Cost cost() {
    return Cost.MODERATE;
  }

  /**
   * How the scanner judges an answer that streams in ({@link Firewall#stream}); the default judges the whole answer
   * once, at the end, without holding any text back for it.
   */
  default StreamMode streamMode() {
    return StreamMode.atEnd();
  }

  /** What a failure means when configuration does not say. */
  default FailureMode defaultFailureMode() {
    return FailureMode.OPEN;
  }

  /** Releases native resources (models, sessions). The firewall closes the scanners it built. */
  @Override
  default void close() {}
}
