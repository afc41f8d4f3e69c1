package dev.bulwark.codeshield.rules;

/** A rule file that cannot be used; the message names the file and the problem. */
public final class RuleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RuleException(String source, String problem) {
    super(source + ": " + problem);
  }

  public RuleException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
  }
}
