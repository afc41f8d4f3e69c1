package dev.bulwark.langchain4j;

import dev.bulwark.core.Decision;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallResult;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.Trace;
import dev.bulwark.langchain4j.internal.ChatHistory;
import dev.bulwark.langchain4j.internal.Verdicts;
import dev.langchain4j.guardrail.GuardrailRequestParams;
import dev.langchain4j.guardrail.OutputGuardrail;
import dev.langchain4j.guardrail.OutputGuardrailRequest;
import dev.langchain4j.guardrail.OutputGuardrailResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A LangChain4j output guardrail backed by a Bulwark {@link Firewall}: the model's answer is scanned with role
 * {@code assistant} (tool calls included), with the conversation as context: the chat memory when the service has
 * one, else the user turn rendered from the method's template, so that context-aware scanners (Llama Guard judging
 * an answer given its question, AlignmentCheck) see what was asked.
 *
 * <p>Verdicts map like the input guardrail's: allow → {@code success}; block → {@code fatal} (the call throws
 * {@code OutputGuardrailException}, cause {@link FirewallVerdictException}); human review → per {@link ReviewPolicy}.
 * A failure is never retried or reprompted: the same model asked again rarely stops being unsafe, and a retry would
 * double the cost of every refusal.
 */
public class BulwarkOutputGuardrail implements OutputGuardrail {
  private final Firewall firewall;
  private final ReviewPolicy reviewPolicy;
  private final Consumer<FirewallResult> listener;

  /** For {@code @OutputGuardrails(BulwarkOutputGuardrail.class)}: uses {@link BulwarkGuardrails#firewall()}. */
  public BulwarkOutputGuardrail() {
    this(BulwarkGuardrails.firewall());
  }

  public BulwarkOutputGuardrail(Firewall firewall) {
    this(firewall, ReviewPolicy.FAILURE, r -> {});
  }

  public BulwarkOutputGuardrail(Firewall firewall, ReviewPolicy reviewPolicy, Consumer<FirewallResult> listener) {
    this.firewall = Objects.requireNonNull(firewall, "firewall");
    this.reviewPolicy = Objects.requireNonNull(reviewPolicy, "reviewPolicy");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  public BulwarkOutputGuardrail withReviewPolicy(ReviewPolicy policy) {
    return new BulwarkOutputGuardrail(firewall, policy, listener);
  }

  public BulwarkOutputGuardrail withListener(Consumer<FirewallResult> newListener) {
    return new BulwarkOutputGuardrail(firewall, reviewPolicy, newListener);
  }

  @Override
  public OutputGuardrailResult validate(OutputGuardrailRequest request) {
    Message answer = ChatHistory.assistant(request.responseFromLLM().aiMessage());
    FirewallResult verdict = firewall.scan(answer, Trace.of(context(request.requestParams(), answer)));
    if (verdict.decision() == Decision.ALLOW) {
      return success();
    }
    listener.accept(verdict);
    String message = Verdicts.describe("model's answer", verdict);
    FirewallVerdictException cause = new FirewallVerdictException(message, verdict);
    if (verdict.decision() == Decision.BLOCK) {
      return fatal(message, cause);
    }
    return switch (reviewPolicy) {
      case FATAL -> fatal(message, cause);
      case FAILURE -> failure(message, cause);
      case ALLOW -> success();
    };
  }

  /** The conversation before the answer: memory (without the answer, if already stored), else the user turn. */
  static List<Message> context(GuardrailRequestParams params, Message answer) {
    List<Message> memory = new ArrayList<>(ChatHistory.of(params.chatMemory()));
    if (!memory.isEmpty()) {
      Message last = memory.get(memory.size() - 1);
      if (last.role() == Role.ASSISTANT && last.content().equals(answer.content())) {
        memory.remove(memory.size() - 1);
      }
      return memory;
    }
    String userTurn = ChatHistory.renderedUserTurn(params);
    return userTurn == null ? memory : List.of(Message.user(userTurn));
  }
}
