package dev.bulwark.cli;

import dev.bulwark.core.Decision;

/** The exit codes of contracts §3. Public so commands in {@code dev.bulwark.cli.<area>} packages can use them. */
public final class ExitCodes {
  /** A command other than scan completed (same value as {@link #ALLOW}). */
  public static final int OK = 0;
  public static final int ALLOW = 0;
  public static final int RUNTIME_ERROR = 1;
  public static final int BLOCK = 2;
  public static final int HUMAN_REVIEW = 3;
  public static final int USAGE = 64;

  private ExitCodes() {}

  static int of(Decision decision) {
    return switch (decision) {
      case ALLOW -> ALLOW;
      case BLOCK -> BLOCK;
      case HUMAN_IN_THE_LOOP_REQUIRED -> HUMAN_REVIEW;
    };
  }
}
