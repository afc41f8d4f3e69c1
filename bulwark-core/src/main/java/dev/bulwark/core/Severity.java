package dev.bulwark.core;

import java.util.Locale;

/** How serious a finding is; the names are Code Shield's. */
public enum Severity {
  ERROR,
  WARNING,
  ADVICE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Severity parse(String text) {
    if (text != null) {
      for (Severity s : values()) {
        if (s.id().equalsIgnoreCase(text.trim())) {
          return s;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown severity '" + text + "'; expected error, warning or advice");
  }

  @Override
  public String toString() {
    return id();
  }
}
