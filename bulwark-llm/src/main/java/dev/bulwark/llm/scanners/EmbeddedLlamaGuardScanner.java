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
import dev.bulwark.llm.ChatMessage;
import dev.bulwark.llm.HazardCategory;
import dev.bulwark.llm.SafetyAssessment;
import dev.bulwark.llm.embedded.EmbeddedSafetyClassifier;
import dev.bulwark.llm.embedded.SharedClassifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code llama-guard} with no backend configured: the embedded offline classifier. A user message is judged as a
 * User turn; an assistant message as the Agent turn answering the user turn before it. Findings carry the hazard
 * codes and the span of the most unsafe part of the message.
 */
final class EmbeddedLlamaGuardScanner implements Scanner {
  /** The sentence or two before the judged ones; with them a piece fits in one 128-token chunk of the encoder. */
  static final int STREAM_CONTEXT_CHARS = 256;

  private final String name;
  private final SharedClassifiers.Lease lease;
  private final EmbeddedSafetyClassifier classifier;

  EmbeddedLlamaGuardScanner(String name, SharedClassifiers.Lease lease) {
    this.name = name;
    this.lease = lease;
    this.classifier = lease.classifier();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.USER, Role.ASSISTANT);
  }

  /** MiniLM over a few windows: milliseconds, bounded by the number of encoded chunks. */
  @Override
  public Cost cost() {
    return Cost.MODERATE;
  }

  @Override
  public FailureMode defaultFailureMode() {
    return FailureMode.OPEN;
  }

  /**
   * A streamed answer is judged run of sentences by run of sentences, each with {@link #STREAM_CONTEXT_CHARS} before
   * it (and the conversation before the answer), and release waits for it: an unsafe sentence is not shown.
   */
  @Override
  public StreamMode streamMode() {
    return StreamMode.sentences(STREAM_CONTEXT_CHARS);
  }

  @Override
  public ScanResult scan(Message message, Trace context) {
    List<ChatMessage> conversation = TraceMessages.conversation(context, message);
    EmbeddedSafetyClassifier.Judgement j;
    try {
      j = classifier.judge(conversation);
    } catch (IllegalArgumentException e) {
      return Failures.error(name, e.getMessage());
    }
    SafetyAssessment a = j.assessment();
    if (j.chunks() == 0) {
      return ScanResult.skipped(name, "empty message: nothing to judge");
    }
    String text = conversation.get(conversation.size() - 1).text();
    // The judged turn may start with earlier messages of the same role; spans are reported in this message only.
    int offset = j.judgedLength() - text.length();
    int contentLength = message.content().length();
    Integer start = null;
    Integer end = null;
    if (j.start() - offset >= 0 && j.start() - offset < contentLength) {
      start = j.start() - offset;
      end = Math.max(start, Math.min(contentLength, j.end() - offset));
    }
    List<Finding> findings = new ArrayList<>();
    List<String> named = new ArrayList<>();
    for (String code : a.flaggedCodes()) {
      String label = classifier.categories().stream().filter(c -> c.code().equals(code)).findFirst()
          .map(HazardCategory::name).map(nm -> nm.replaceAll("\\.$", "")).orElse(code);
      named.add(code + " " + label);
      String msg = j.judgedRole() + " message judged unsafe: " + code + " (" + label + ")";
      findings.add(start == null ? new Finding("llama-guard." + code, code, null, null, null, Severity.ERROR, msg)
          : Finding.at("llama-guard." + code, code, message.content(), start, end, Severity.ERROR, msg));
    }
    StringBuilder reason = new StringBuilder();
    reason.append(a.flagged() ? "unsafe" + (named.isEmpty() ? "" : " (" + String.join(", ", named) + ")") : "safe")
        .append(" as ").append(j.judgedRole()).append(" turn; embedded classifier score ")
        .append(String.format(Locale.ROOT, "%.3f", a.score()));
    if (!Double.isNaN(j.refusal())) {
      reason.append(String.format(Locale.ROOT, "; reply refuses: %.2f", j.refusal()));
    }
    if (a.note() != null) {
      reason.append("; ").append(a.note());
    }
    return ScanResult.of(name, a.flagged() ? Decision.BLOCK : Decision.ALLOW, a.score(), reason.toString(), findings);
  }

  @Override
  public void close() {
    lease.close();
  }
}
