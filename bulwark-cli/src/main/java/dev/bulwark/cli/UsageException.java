package dev.bulwark.cli;

/** A command-line mistake (bad argument value, empty input): exit code 64. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
