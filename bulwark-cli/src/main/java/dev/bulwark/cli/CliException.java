package dev.bulwark.cli;

/** A runtime failure whose message says everything the user needs (no stack trace hint): exit code 1. */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CliException(String message) {
    super(message);
  }

  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
