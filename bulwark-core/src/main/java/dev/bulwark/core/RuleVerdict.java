package dev.bulwark.core;

import java.util.List;

/**
 * How rule-based scanners (no probabilities) turn findings into a decision and a score, so they rank consistently:
 * 1.0 for a block, 0.7 for human review, 0.2 for findings that only advise, 0.0 for nothing found.
 */
public final class RuleVerdict {
  private RuleVerdict() {}

  public static double score(Decision decision, boolean anyFindings) {
    return switch (decision) {
      case BLOCK -> 1.0;
      case HUMAN_IN_THE_LOOP_REQUIRED -> 0.7;
      case ALLOW -> anyFindings ? 0.2 : 0.0;
    };
  }

  /** The severity a finding gets from the decision its rule recommends. */
  public static Severity severity(Decision decision) {
    return switch (decision) {
      case BLOCK -> Severity.ERROR;
      case HUMAN_IN_THE_LOOP_REQUIRED -> Severity.WARNING;
      case ALLOW -> Severity.ADVICE;
    };
  }

  /** "n findings: first (+k more)" style reason from the findings that decided. */
  public static String reason(String summary, List<Finding> deciding) {
    if (deciding.isEmpty()) {
      return summary;
    }
    String first = deciding.get(0).message();
    return deciding.size() == 1 ? first : first + " (+" + (deciding.size() - 1) + " more)";
  }
}
