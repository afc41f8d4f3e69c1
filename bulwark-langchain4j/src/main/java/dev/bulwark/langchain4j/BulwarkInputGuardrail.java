package dev.bulwark.langchain4j;

import dev.bulwark.core.Decision;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallResult;
import dev.bulwark.core.Message;
import dev.bulwark.core.Trace;
import dev.bulwark.langchain4j.internal.ChatHistory;
import dev.bulwark.langchain4j.internal.GuardrailPolicy;
import dev.langchain4j.guardrail.InputGuardrail;
import dev.langchain4j.guardrail.InputGuardrailRequest;
import dev.langchain4j.guardrail.InputGuardrailResult;
import dev.langchain4j.rag.AugmentationResult;
import dev.langchain4j.rag.content.Content;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A LangChain4j input guardrail backed by a Bulwark {@link Firewall}: the user message is scanned with role
 * {@code user}, in the context of the chat memory before it; content retrieved for RAG is scanned with role
 * {@code tool} (where indirect prompt injection hides). Runs before the model is called.
 *
 * <p>Verdicts map to LangChain4j results: allow → {@code success}; block → {@code fatal} (the call throws
 * {@code InputGuardrailException} whose cause is a {@link FirewallVerdictException} carrying the verdict);
 * human review → as the {@link ReviewPolicy} says (default {@link ReviewPolicy#FAILURE}).
 *
 * <pre>{@code
 * Assistant assistant = AiServices.builder(Assistant.class)
 *     .chatModel(model)
 *     .inputGuardrails(new BulwarkInputGuardrail(firewall))
 *     .build();
 * }</pre>
 */
public class BulwarkInputGuardrail implements InputGuardrail {
  private final GuardrailPolicy policy;

  /** For {@code @InputGuardrails(BulwarkInputGuardrail.class)}: uses {@link BulwarkGuardrails#firewall()}. */
  public BulwarkInputGuardrail() {
    this(BulwarkGuardrails.firewall());
  }

  public BulwarkInputGuardrail(Firewall firewall) {
    this(firewall, ReviewPolicy.FAILURE, r -> {});
  }

  /** @param listener receives every verdict that is not allow (also reviews let through by {@link ReviewPolicy#ALLOW}) */
  public BulwarkInputGuardrail(Firewall firewall, ReviewPolicy reviewPolicy, Consumer<FirewallResult> listener) {
    this(new GuardrailPolicy(firewall, reviewPolicy, listener));
  }

  private BulwarkInputGuardrail(GuardrailPolicy policy) {
    this.policy = policy;
  }

  public BulwarkInputGuardrail withReviewPolicy(ReviewPolicy reviewPolicy) {
    return new BulwarkInputGuardrail(policy.withReviewPolicy(reviewPolicy));
  }

  public BulwarkInputGuardrail withListener(Consumer<FirewallResult> listener) {
    return new BulwarkInputGuardrail(policy.withListener(listener));
  }

  @Override
  public InputGuardrailResult validate(InputGuardrailRequest request) {
    List<Message> history = ChatHistory.of(request.requestParams().chatMemory());
    Message user = Message.user(userText(request));
    FirewallResult verdict = policy.firewall().scan(user, Trace.of(history));
    if (verdict.decision() == Decision.ALLOW) {
      verdict = retrievedContent(request.requestParams().augmentationResult(), history, user);
      if (verdict == null) {
        return success();
      }
      return outcome(verdict, "retrieved content");
    }
    return outcome(verdict, "user message");
  }

  /**
   * The user's own words. With RAG, LangChain4j hands guardrails the user message with the retrieved documents
   * already appended; those are scanned separately, as tool output, so the user is not blamed for what a document
   * says. When the original turn cannot be told apart, the whole augmented text is scanned (more, never less).
   */
  private static String userText(InputGuardrailRequest request) {
    String text = ChatHistory.text(request.userMessage());
    AugmentationResult augmentation = request.requestParams().augmentationResult();
    if (augmentation == null || augmentation.contents() == null || augmentation.contents().isEmpty()) {
      return text;
    }
    String original = ChatHistory.renderedUserTurn(request.requestParams());
    return original != null && text.startsWith(original) ? original : text;
  }

  /** Each retrieved document as a tool message after the user's; the first that is not allowed, else null. */
  private FirewallResult retrievedContent(AugmentationResult augmentation, List<Message> history, Message user) {
    if (augmentation == null || augmentation.contents() == null) {
      return null;
    }
    List<Message> context = new ArrayList<>(history);
    context.add(user);
    Trace trace = Trace.of(context);
    for (Content c : augmentation.contents()) {
      if (c.textSegment() == null) {
        continue;
      }
      FirewallResult r = policy.firewall().scan(Message.tool(c.textSegment().text()), trace);
      if (r.decision() != Decision.ALLOW) {
        return r;
      }
    }
    return null;
  }

  private InputGuardrailResult outcome(FirewallResult verdict, String what) {
    return policy.outcome(verdict, what, this::success, this::failure, this::fatal);
  }

}
