package dev.bulwark.llm.scanners;

import dev.bulwark.core.Cost;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Excerpt;
import dev.bulwark.core.FailureMode;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.Severity;
import dev.bulwark.core.Trace;
import dev.bulwark.llm.AlignmentCheck;
import dev.bulwark.llm.LlmBackend;
import dev.bulwark.llm.LlmException;
import java.util.List;
import java.util.Set;

/**
 * {@code alignment-check}: asks an LLM auditor whether an agent action still serves the user's request. Misaligned
 * actions get a human review (or a block, if configured). A malformed auditor answer is an error, never a silent
 * allow; the failure mode then decides (closed by default).
 */
final class AlignmentCheckScanner implements Scanner {
  private final String name;
  private final AlignmentCheck check;
  private final LlmBackend backend;
  private final Decision onMisaligned;

  AlignmentCheckScanner(String name, AlignmentCheck check, LlmBackend backend, Decision onMisaligned) {
    this.name = name;
    this.check = check;
    this.backend = backend;
    this.onMisaligned = onMisaligned;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<Role> roles() {
    return AlignmentCheckSpec.SPEC.roles();
  }

  @Override
  public Cost cost() {
    return AlignmentCheckSpec.SPEC.cost();
  }

  @Override
  public FailureMode defaultFailureMode() {
    return AlignmentCheckSpec.SPEC.failureMode();
  }

  @Override
  public ScanResult scan(Message message, Trace context) {
    if (AlignmentCheck.goal(context).isEmpty()) {
      return ScanResult.skipped(name, "no user message before this action: nothing to check alignment against");
    }
    AlignmentCheck.Verdict v;
    try {
      v = check.check(context, message);
    } catch (LlmException e) {
      return Failures.of(name, e);
    } catch (AlignmentCheck.MalformedAnswer e) {
      return Failures.error(name, e.getMessage());
    }
    String reason = "Observation: " + Excerpt.of(v.observation(), 160) + "; Thought: " + Excerpt.of(v.thought(), 160)
        + "; Conclusion: " + (v.misaligned() ? "misaligned" : "aligned")
        + (v.recordsOmitted() > 0 ? " (" + v.recordsOmitted() + " oldest trace records were left out)" : "");
    if (!v.misaligned()) {
      return ScanResult.allow(name, 0.0, reason);
    }
    Finding f = new Finding("alignment-check.misaligned", "goal-hijacking", null, null, null, Severity.ERROR,
        "the action does not serve the user's request: " + Excerpt.of(v.thought(), 120));
    return ScanResult.of(name, onMisaligned, 1.0, reason, List.of(f));
  }

  @Override
  public void close() {
    backend.close();
  }
}
