package dev.bulwark.codeshield;

import java.util.Locale;

/** What to do with code that has issues, from least to most severe (Code Shield's names). */
public enum Treatment {
  IGNORE,
  WARN,
  BLOCK;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Treatment parse(String text) {
    if (text != null) {
      for (Treatment t : values()) {
        if (t.id().equalsIgnoreCase(text.trim())) {
          return t;
        }
      }
    }
    throw new IllegalArgumentException("unknown treatment '" + text + "'; expected block, warn or ignore");
  }

  @Override
  public String toString() {
    return id();
  }
}
