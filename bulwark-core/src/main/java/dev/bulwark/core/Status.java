package dev.bulwark.core;

import java.util.Locale;

/** Whether a scanner produced its verdict normally. A non-success status never hides: it stays in the result. */
public enum Status {
  SUCCESS,
  /** The scanner threw, returned something invalid, or could not run (missing model, backend down). */
  ERROR,
  /** The scanner did not run: nothing to scan, or short-circuited after an earlier block. */
  SKIPPED,
  /** The scanner missed its deadline. */
  TIMEOUT;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for {@link #ERROR} and {@link #TIMEOUT}: the verdict came from the failure mode, not the scanner. */
  public boolean isFailure() {
    return this == ERROR || this == TIMEOUT;
  }

  @Override
  public String toString() {
    return id();
  }
}
