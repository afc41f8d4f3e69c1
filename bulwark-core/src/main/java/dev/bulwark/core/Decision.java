package dev.bulwark.core;

import java.util.Locale;

/** What the firewall tells the caller to do with a message, ordered from least to most severe. */
public enum Decision {
  ALLOW,
  HUMAN_IN_THE_LOOP_REQUIRED,
  BLOCK;

  /** The wire name: {@code allow}, {@code human_in_the_loop_required}, {@code block}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when this decision is more severe than {@code other}. */
  public boolean isStricterThan(Decision other) {
    return ordinal() > other.ordinal();
  }

  public static Decision parse(String text) {
    if (text != null) {
      String t = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
      if (t.equals("hitl") || t.equals("human_review") || t.equals("review")) {
        return HUMAN_IN_THE_LOOP_REQUIRED;
      }
      for (Decision d : values()) {
        if (d.id().equals(t)) {
          return d;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown decision '" + text + "'; expected allow, human_in_the_loop_required (or review) or block");
  }

  @Override
  public String toString() {
    return id();
  }
}
