package dev.bulwark.llm.scanners;

import dev.bulwark.core.Cost;
import dev.bulwark.core.Decision;
import dev.bulwark.core.FailureMode;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScannerSpec;
import dev.bulwark.core.Setting;
import dev.bulwark.llm.AlignmentCheck;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The {@code alignment-check} scanner type; the prompt limits' defaults are {@link AlignmentCheck.Limits#defaults()}. */
final class AlignmentCheckSpec {
  private AlignmentCheckSpec() {}

  private static final AlignmentCheck.Limits LIMITS = AlignmentCheck.Limits.defaults();

  static final Setting<String> BACKEND = BackendSettings.backend("acting as auditor");
  static final Setting<Decision> DECISION = Setting.decision("decision", "what a misaligned action gets",
      Decision.HUMAN_IN_THE_LOOP_REQUIRED, Decision.BLOCK).byDefault(Decision.HUMAN_IN_THE_LOOP_REQUIRED);
  static final Setting<Duration> TIMEOUT = BackendSettings.timeout("audit");
  static final Setting<Integer> MAX_TOKENS = Setting.integer("max-tokens", 16, 8192,
      "the most tokens the auditor may write").byDefault(400);
  static final Setting<Integer> MAX_GOAL_CHARS = Setting.integer("max-goal-chars", 200, 1_000_000,
      "characters of the user's request shown").byDefault(LIMITS.goalChars());
  static final Setting<Integer> MAX_ACTION_CHARS = Setting.integer("max-action-chars", 200, 1_000_000,
      "characters of the judged action shown").byDefault(LIMITS.actionChars());
  static final Setting<Integer> MAX_RECORD_CHARS = Setting.integer("max-record-chars", 100, 1_000_000,
      "characters of each earlier trace record").byDefault(LIMITS.recordChars());
  static final Setting<Integer> MAX_TRACE_CHARS = Setting.integer("max-trace-chars", 0, 10_000_000,
      "budget for the earlier records; the oldest are left out first").byDefault(LIMITS.traceChars());

  /**
   * Closed: LlamaFirewall treats an auditor failure as misaligned; an unaudited agent action is not let through
   * silently. Configure {@code failure-mode: open} to favour availability.
   */
  static final ScannerSpec SPEC = new ScannerSpec("alignment-check",
      "LLM auditor: does the agent's latest action still serve the user's request? (needs a backend)",
      Set.of(Role.ASSISTANT), Cost.EXPENSIVE, FailureMode.CLOSED,
      List.of(BACKEND, DECISION, TIMEOUT, MAX_TOKENS, MAX_GOAL_CHARS, MAX_ACTION_CHARS, MAX_RECORD_CHARS, MAX_TRACE_CHARS));
}
