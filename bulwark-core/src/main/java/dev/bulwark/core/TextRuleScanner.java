package dev.bulwark.core;

import java.util.Set;

/**
 * Base of the rule scanners that judge a message by its text alone, in bounded time: they run inline
 * ({@link Cost#CHEAP}) and can also be called directly on a string.
 */
public abstract class TextRuleScanner implements Scanner {
  private final String name;
  private final Set<Role> roles;
  private final FailureMode failureMode;

  protected TextRuleScanner(String name, Set<Role> roles) {
    this.name = name;
    this.roles = Set.copyOf(roles);
    this.failureMode = FailureMode.OPEN;
  }

  /** A scanner of a declared type: roles and failure mode come from its spec, which must declare it cheap. */
  protected TextRuleScanner(String name, ScannerSpec spec) {
    if (spec.cost() != Cost.CHEAP) {
      throw new IllegalArgumentException(spec.name() + ": a text rule scanner is cheap, its spec says " + spec.cost());
    }
    this.name = name;
    this.roles = spec.roles();
    this.failureMode = spec.failureMode();
  }

  /** Judges a text on its own. */
  public abstract ScanResult scan(String text);

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Set<Role> roles() {
    return roles;
  }

  @Override
  public final Cost cost() {
    return Cost.CHEAP;
  }

  @Override
  public FailureMode defaultFailureMode() {
    return failureMode;
  }

  /** Sliding windows overlapping by {@link #maxMatchChars()}: a streamed answer gets the whole answer's verdict. */
  @Override
  public StreamMode streamMode() {
    return StreamMode.window(maxMatchChars());
  }

  /**
   * The longest text one finding can cover, in chars: streaming windows overlap by this much. Findings longer than
   * this may be missed in a stream (never in a whole message).
   */
  protected int maxMatchChars() {
    return 256;
  }

  @Override
  public ScanResult scan(Message message, Trace context) {
    return scan(message.content());
  }
}
