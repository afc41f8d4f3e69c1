package dev.bulwark.codeshield.rules;

import dev.bulwark.codeshield.taint.TaintFlow;
import dev.bulwark.core.Severity;

/**
 * A rule match inside one block, before it becomes an {@link dev.bulwark.codeshield.Issue}: block-relative offsets.
 *
 * @param severity the finding's severity (a taint flow from a parameter is one step below the rule's)
 * @param flow for taint rules, the path from source to sink; else null
 */
public record RawFinding(Rule rule, int start, int end, Severity severity, TaintFlow flow) {
  public RawFinding(Rule rule, int start, int end) {
    this(rule, start, end, rule.severity(), null);
  }
}
