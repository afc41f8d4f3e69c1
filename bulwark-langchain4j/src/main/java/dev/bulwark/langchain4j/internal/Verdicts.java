package dev.bulwark.langchain4j.internal;

import dev.bulwark.core.Decision;
import dev.bulwark.core.FirewallResult;

/**
 * The text a guardrail failure carries: what was refused and why. The reason quotes at most the scanners' short
 * excerpts (60 characters, escaped) of what matched, never the whole refused text.
 */
public final class Verdicts {
  private Verdicts() {}

  public static String describe(String what, FirewallResult r) {
    String verdict = r.decision() == Decision.BLOCK ? "blocked" : "needs human review";
    return "Bulwark: the " + what + " " + verdict + " (score " + String.format(java.util.Locale.ROOT, "%.2f", r.score())
        + "): " + r.reason();
  }
}
