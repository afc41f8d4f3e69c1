package dev.bulwark.langchain4j;

import dev.bulwark.core.Decision;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallResult;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.Trace;
import dev.bulwark.langchain4j.internal.ChatHistory;
import dev.bulwark.langchain4j.internal.GuardrailPolicy;
import dev.langchain4j.guardrail.GuardrailRequestParams;
import dev.langchain4j.guardrail.OutputGuardrail;
import dev.langchain4j.guardrail.OutputGuardrailRequest;
import dev.langchain4j.guardrail.OutputGuardrailResult;
import java.util.ArrayList;
import java.util.List;
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
  private final GuardrailPolicy policy;

  /** For {@code @OutputGuardrails(BulwarkOutputGuardrail.class)}: uses {@link BulwarkGuardrails#firewall()}. */
  public BulwarkOutputGuardrail() {
    this(BulwarkGuardrails.firewall());
  }

  public BulwarkOutputGuardrail(Firewall firewall) {
    this(firewall, ReviewPolicy.FAILURE, r -> {});
  }

  public BulwarkOutputGuardrail(Firewall firewall, ReviewPolicy reviewPolicy, Consumer<FirewallResult> listener) {
    this(new GuardrailPolicy(firewall, reviewPolicy, listener));
  }

  private BulwarkOutputGuardrail(GuardrailPolicy policy) {
    this.policy = policy;
  }

  public BulwarkOutputGuardrail withReviewPolicy(ReviewPolicy reviewPolicy) {
    return new BulwarkOutputGuardrail(policy.withReviewPolicy(reviewPolicy));
  }

  public BulwarkOutputGuardrail withListener(Consumer<FirewallResult> listener) {
    return new BulwarkOutputGuardrail(policy.withListener(listener));
  }

  @Override
  public OutputGuardrailResult validate(OutputGuardrailRequest request) {
    Message answer = ChatHistory.assistant(request.responseFromLLM().aiMessage());
    FirewallResult verdict = policy.firewall().scan(answer, Trace.of(context(request.requestParams(), answer)));
    return policy.outcome(verdict, "model's answer", this::success, this::failure, this::fatal);
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
