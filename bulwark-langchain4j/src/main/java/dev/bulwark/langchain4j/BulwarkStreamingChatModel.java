package dev.bulwark.langchain4j;

import dev.bulwark.core.AnswerStream;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallResult;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.StreamStep;
import dev.bulwark.core.Trace;
import dev.bulwark.langchain4j.internal.ChatHistory;
import dev.bulwark.langchain4j.internal.Verdicts;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link StreamingChatModel} that guards another one's answers as they stream: each partial response is offered to
 * the firewall ({@link Firewall#stream}, role {@code assistant}, the request's messages as context) and the handler
 * receives the text the firewall releases (whole checked sentences) instead of the raw tokens. A block cancels the
 * model's stream (when the model offers a {@link StreamingHandle}) and ends the answer: with a refusal as the last
 * partial response and the complete response, or, without a refusal text, with {@code onError} and a
 * {@link FirewallVerdictException} carrying the verdict. Use it wherever a {@code StreamingChatModel} goes, e.g.
 * {@code AiServices.builder(...).streamingChatModel(guarded)}: a {@code TokenStream} then streams guarded text.
 *
 * <pre>{@code
 * StreamingChatModel guarded = BulwarkStreamingChatModel.builder(model, firewall).refusal("I can't help with that.").build();
 * }</pre>
 */
public final class BulwarkStreamingChatModel implements StreamingChatModel {
  private static final Logger LOG = LoggerFactory.getLogger(BulwarkStreamingChatModel.class);

  private final StreamingChatModel delegate;
  private final Firewall firewall;
  private final String refusal;
  private final ReviewPolicy reviewPolicy;
  private final Consumer<FirewallResult> listener;

  private BulwarkStreamingChatModel(Builder b) {
    this.delegate = b.delegate;
    this.firewall = b.firewall;
    this.refusal = b.refusal;
    this.reviewPolicy = b.reviewPolicy;
    this.listener = b.listener;
  }

  public static Builder builder(StreamingChatModel delegate, Firewall firewall) {
    return new Builder(delegate, firewall);
  }

  @Override
  public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
    Trace context = Trace.of(ChatHistory.of(request.messages()));
    delegate.chat(request, new GuardedHandler(firewall.stream(new Message(Role.ASSISTANT, ""), context), handler));
  }

  @Override
  public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
    chat(request, handler);
  }

  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return delegate.defaultRequestParameters();
  }

  @Override
  public List<ChatModelListener> listeners() {
    return delegate.listeners();
  }

  @Override
  public ModelProvider provider() {
    return delegate.provider();
  }

  @Override
  public Set<Capability> supportedCapabilities() {
    return delegate.supportedCapabilities();
  }

  /** One answer: forwards what the firewall releases; after a verdict that stops it, ignores the model. */
  private final class GuardedHandler implements StreamingChatResponseHandler {
    private final AnswerStream guard;
    private final StreamingChatResponseHandler user;
    private boolean ended;

    GuardedHandler(AnswerStream guard, StreamingChatResponseHandler user) {
      this.guard = guard;
      this.user = user;
    }

    @Override
    public void onPartialResponse(String text) {
      onPartialResponse(new PartialResponse(text), null);
    }

    @Override
    public synchronized void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
      if (ended) {
        return;
      }
      StreamStep step = guard.offer(partial.text() == null ? "" : partial.text());
      if (step.blocked()) {
        if (context != null) {
          context.streamingHandle().cancel();
        }
        stop(step.verdict(), null);
        return;
      }
      if (!step.released().isEmpty()) {
        if (context != null) {
          user.onPartialResponse(new PartialResponse(step.released()), context);
        } else {
          user.onPartialResponse(step.released());
        }
      }
    }

    @Override
    public synchronized void onCompleteToolCall(CompleteToolCall toolCall) {
      if (!ended) {
        user.onCompleteToolCall(toolCall);
      }
    }

    @Override
    public synchronized void onCompleteResponse(ChatResponse response) {
      if (ended) {
        return;
      }
      StreamStep step = guard.finish();
      FirewallResult verdict = step.verdict();
      if (step.blocked()
          || (verdict.decision() == Decision.HUMAN_IN_THE_LOOP_REQUIRED && reviewPolicy != ReviewPolicy.ALLOW)) {
        stop(verdict, response);
        return;
      }
      ended = true;
      listener.accept(verdict);
      if (!step.released().isEmpty()) {
        user.onPartialResponse(step.released());
      }
      user.onCompleteResponse(response);
    }

    @Override
    public synchronized void onError(Throwable error) {
      if (!ended) {
        ended = true;
        user.onError(error);
      }
    }

    private void stop(FirewallResult verdict, ChatResponse response) {
      ended = true;
      listener.accept(verdict);
      LOG.info("Bulwark stopped a streamed answer after {} of {} characters were shown: {}", guard.releasedLength(),
          guard.length(), verdict.reason());
      if (refusal == null) {
        user.onError(new FirewallVerdictException(Verdicts.describe("answer", verdict), verdict));
        return;
      }
      user.onPartialResponse(refusal);
      ChatResponse.Builder b = response != null ? response.toBuilder() : ChatResponse.builder();
      user.onCompleteResponse(b.aiMessage(AiMessage.from(refusal)).build());
    }
  }

  /** Options of {@link BulwarkStreamingChatModel}. */
  public static final class Builder {
    private final StreamingChatModel delegate;
    private final Firewall firewall;
    private String refusal;
    private ReviewPolicy reviewPolicy = ReviewPolicy.FAILURE;
    private Consumer<FirewallResult> listener = v -> {};

    private Builder(StreamingChatModel delegate, Firewall firewall) {
      this.delegate = Objects.requireNonNull(delegate, "delegate");
      this.firewall = Objects.requireNonNull(firewall, "firewall");
    }

    /** End a blocked answer with this text (a last partial response and the complete response) instead of onError. */
    public Builder refusal(String text) {
      this.refusal = Objects.requireNonNull(text, "text");
      return this;
    }

    /** What a human-review verdict at the end does: {@code ALLOW} lets the answer complete; otherwise it is refused. */
    public Builder reviewPolicy(ReviewPolicy policy) {
      this.reviewPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Told every answer's final verdict (allowed or not). */
    public Builder listener(Consumer<FirewallResult> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public BulwarkStreamingChatModel build() {
      return new BulwarkStreamingChatModel(this);
    }
  }
}
