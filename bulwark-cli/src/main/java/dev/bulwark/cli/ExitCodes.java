package dev.bulwark.cli;

import dev.bulwark.core.Decision;

/** The exit codes of contracts §3. */
final class ExitCodes {
  static final int ALLOW = 0;
  static final int RUNTIME_ERROR = 1;
  static final int BLOCK = 2;
  static final int HUMAN_REVIEW = 3;
  static final int USAGE = 64;

  private ExitCodes() {}

  static int of(Decision decision) {
    return switch (decision) {
      case ALLOW -> ALLOW;
      case BLOCK -> BLOCK;
      case HUMAN_IN_THE_LOOP_REQUIRED -> HUMAN_REVIEW;
    };
  }
}
