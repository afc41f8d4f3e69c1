package dev.bulwark.llm.scanners;

import dev.bulwark.core.Cost;
import dev.bulwark.core.Decision;
import dev.bulwark.core.FailureMode;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.Severity;
import dev.bulwark.core.StreamMode;
import dev.bulwark.core.Trace;
import dev.bulwark.llm.HazardCategory;
import dev.bulwark.llm.LlamaGuard;
import dev.bulwark.llm.LlmBackend;
import dev.bulwark.llm.LlmException;
import dev.bulwark.llm.SafetyAssessment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code llama-guard}: content safety of user prompts and assistant answers with Llama Guard on a configured backend.
 * An assistant message is judged as the Agent turn after the user turns before it; a user message as the last User
 * turn of the conversation so far. Findings carry the violated hazard codes.
 */
final class LlamaGuardScanner implements Scanner {
  private final String name;
  private final LlamaGuard guard;
  private final LlmBackend backend;
  private final int streamEveryChars;

  /** @param streamEveryChars judge a streamed answer every this many new characters; 0: once, at its end */
  LlamaGuardScanner(String name, LlamaGuard guard, LlmBackend backend, int streamEveryChars) {
    this.name = name;
    this.guard = guard;
    this.backend = backend;
    this.streamEveryChars = streamEveryChars;
  }

  /**
   * An LLM call per sentence would cost seconds per answer, so a streamed answer is judged every
   * {@code stream-every-chars} characters (with as many before them as context) and at the end, without holding
   * release; or, by default, once at the end.
   */
  @Override
  public StreamMode streamMode() {
    return streamEveryChars > 0 ? StreamMode.everyChars(streamEveryChars) : StreamMode.atEnd();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.USER, Role.ASSISTANT);
  }

  @Override
  public Cost cost() {
    return Cost.EXPENSIVE;
  }

  /** Open: an unreachable moderation model should not take the application down; configure closed where it must. */
  @Override
  public FailureMode defaultFailureMode() {
    return FailureMode.OPEN;
  }

  @Override
  public ScanResult scan(Message message, Trace context) {
    LlamaGuard.Judgement j;
    try {
      j = guard.judge(TraceMessages.conversation(context, message));
    } catch (LlmException e) {
      return Failures.of(name, e);
    } catch (IllegalArgumentException e) {
      return Failures.error(name, e.getMessage());
    }
    SafetyAssessment a = j.assessment();
    List<Finding> findings = new ArrayList<>();
    List<String> named = new ArrayList<>();
    for (String code : a.flaggedCodes()) {
      String label = guard.policy().category(code).map(HazardCategory::name).map(n -> n.replaceAll("\\.$", "")).orElse("unknown category");
      named.add(code + " " + label);
      findings.add(new Finding("llama-guard." + code, code, null, null, null, Severity.ERROR,
          j.judgedRole() + " message violates " + code + " (" + label + ")"));
    }
    String probability = a.scoreSource() == SafetyAssessment.ScoreSource.VERDICT
        ? "score from the verdict (no token probabilities)"
        : String.format(Locale.ROOT, "P(unsafe)=%.3f", a.score());
    String reason = (a.flagged() ? "unsafe" + (named.isEmpty() ? "" : " (" + String.join(", ", named) + ")") : "safe")
        + " as " + j.judgedRole() + " turn; " + probability
        + (j.droppedTurns() > 0 ? "; " + j.droppedTurns() + " older turns left out" : "")
        + (a.note() != null && a.scoreSource() != SafetyAssessment.ScoreSource.VERDICT ? "; " + a.note() : "");
    return ScanResult.of(name, a.flagged() ? Decision.BLOCK : Decision.ALLOW, a.score(), reason, findings);
  }

  @Override
  public void close() {
    backend.close();
  }
}
