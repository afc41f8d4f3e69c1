package dev.bulwark.core;

import java.util.Locale;

/** What a scanner's verdict becomes when it errs or times out. */
public enum FailureMode {
  /** Allow the message: availability over safety. */
  OPEN,
  /** Block the message: safety over availability. */
  CLOSED;

  public Decision decision() {
    return this == OPEN ? Decision.ALLOW : Decision.BLOCK;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static FailureMode parse(String text) {
    if (text != null) {
      String t = text.trim().toLowerCase(Locale.ROOT);
      if (t.equals("open") || t.equals("fail-open")) {
        return OPEN;
      }
      if (t.equals("closed") || t.equals("fail-closed")) {
        return CLOSED;
      }
    }
    throw new IllegalArgumentException("unknown failure mode '" + text + "'; expected open or closed");
  }

  @Override
  public String toString() {
    return id();
  }
}
