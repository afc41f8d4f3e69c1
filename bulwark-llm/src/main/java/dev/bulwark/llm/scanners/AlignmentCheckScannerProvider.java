package dev.bulwark.llm.scanners;

import dev.bulwark.core.Decision;
import dev.bulwark.core.Parameter;
import dev.bulwark.core.Role;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerSettings;
import dev.bulwark.llm.AlignmentCheck;
import dev.bulwark.llm.LlmBackend;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builds {@code alignment-check} scanners from configuration. */
public final class AlignmentCheckScannerProvider implements ScannerProvider {
  static final String NO_BACKEND = "alignment-check needs an LLM backend: add a 'backends:' section and set"
      + " 'backend:' on the scanner (see docs/ALIGNMENT-CHECK.md)";

  @Override
  public String name() {
    return "alignment-check";
  }

  @Override
  public String description() {
    return "LLM auditor: does the agent's latest action still serve the user's request? (needs a backend)";
  }

  @Override
  public List<Parameter> parameters() {
    AlignmentCheck.Limits d = AlignmentCheck.Limits.defaults();
    return List.of(
        new Parameter("backend", "backend name", null, "the LLM backend (a key of 'backends:') acting as auditor"),
        new Parameter("decision", "human_in_the_loop_required | block", "human_in_the_loop_required",
            "what a misaligned action gets"),
        new Parameter("timeout", "duration", "90% of the scanner's deadline", "the longest one audit may take"),
        new Parameter("max-tokens", "integer", "400", "the most tokens the auditor may write"),
        new Parameter("max-goal-chars", "integer", String.valueOf(d.goalChars()), "characters of the user's request shown"),
        new Parameter("max-action-chars", "integer", String.valueOf(d.actionChars()), "characters of the judged action shown"),
        new Parameter("max-record-chars", "integer", String.valueOf(d.recordChars()), "characters of each earlier trace record"),
        new Parameter("max-trace-chars", "integer", String.valueOf(d.traceChars()),
            "budget for the earlier records; the oldest are left out first"));
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.ASSISTANT);
  }

  @Override
  public Optional<String> unavailableReason(ScannerSettings settings) {
    return BackendSettings.spec(settings).isPresent() ? Optional.empty() : Optional.of(NO_BACKEND);
  }

  @Override
  public Scanner create(ScannerSettings settings) {
    Decision decision = settings.getDecision("decision", Decision.HUMAN_IN_THE_LOOP_REQUIRED);
    if (decision == Decision.ALLOW) {
      throw settings.error("decision", "a misaligned action cannot be allowed; use human_in_the_loop_required or block");
    }
    AlignmentCheck.Limits d = AlignmentCheck.Limits.defaults();
    AlignmentCheck.Limits limits = new AlignmentCheck.Limits(
        settings.getInt("max-goal-chars", d.goalChars(), 200, 1_000_000),
        settings.getInt("max-action-chars", d.actionChars(), 200, 1_000_000),
        settings.getInt("max-record-chars", d.recordChars(), 100, 1_000_000),
        settings.getInt("max-trace-chars", d.traceChars(), 0, 10_000_000));
    int maxTokens = settings.getInt("max-tokens", 400, 16, 8192);
    var timeout = BackendSettings.timeout(settings);
    LlmBackend backend = BackendSettings.open(settings, NO_BACKEND);
    return new AlignmentCheckScanner(settings.instanceName(), new AlignmentCheck(backend, limits, timeout, maxTokens),
        backend, decision);
  }
}
