package dev.bulwark.langchain4j;

import dev.bulwark.core.AnswerFeed;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link StreamingChatModel} that guards another one's answers as they stream: each partial response is offered to
 * the firewall ({@link Firewall#feed}, role {@code assistant}, the request's messages as context, without waiting for
 * the scanners) and the handler receives the text the firewall releases (whole checked sentences) instead of the raw
 * tokens, on the feed's worker thread. A block cancels the
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
    GuardedHandler guarded = new GuardedHandler(handler);
    guarded.start(firewall.feed(new Message(Role.ASSISTANT, ""), context, guarded::onStep));
    delegate.chat(request, guarded);
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

  /**
   * One answer. The model's callbacks only hand text to the {@link AnswerFeed} and return, so a slow scanner never
   * holds the model's thread (nor, through it, the model's connection); the feed's worker hands released text, then
   * the verdict, to the user's handler. Only when the model runs more than {@link AnswerFeed#DEFAULT_MAX_BACKLOG_CHARS}
   * characters ahead of the scanners does its callback wait, until they caught up. Tool calls are held until the
   * verdict: a blocked answer's tool calls are never handed on.
   */
  private final class GuardedHandler implements StreamingChatResponseHandler {
    private final StreamingChatResponseHandler user;
    /** Held while calling the user's handler: its calls never overlap, and nothing follows onError. */
    private final Object delivery = new Object();
    private final List<CompleteToolCall> toolCalls = new ArrayList<>();  // guarded by this
    private AnswerFeed feed;
    private PartialResponseContext lastContext;  // guarded by this
    private ChatResponse response;  // guarded by this
    private boolean ended;  // guarded by this

    GuardedHandler(StreamingChatResponseHandler user) {
      this.user = user;
    }

    void start(AnswerFeed answerFeed) {
      this.feed = answerFeed;
    }

    @Override
    public void onPartialResponse(String text) {
      onPartialResponse(new PartialResponse(text), null);
    }

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
      synchronized (this) {
        if (ended) {
          return;
        }
        if (context != null) {
          lastContext = context;
        }
      }
      if (!feed.offer(partial.text() == null ? "" : partial.text())) {
        feed.ready().join();
      }
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall toolCall) {
      synchronized (this) {
        if (!ended) {
          toolCalls.add(toolCall);
        }
      }
    }

    @Override
    public void onCompleteResponse(ChatResponse complete) {
      synchronized (this) {
        if (ended) {
          return;
        }
        response = complete;
      }
      feed.finish();
    }

    @Override
    public void onError(Throwable error) {
      synchronized (delivery) {
        synchronized (this) {
          if (ended) {
            return;
          }
          ended = true;
        }
        feed.cancel();
        user.onError(error);
      }
    }

    /** On the feed's worker: released text, then the step with the verdict. */
    void onStep(StreamStep step) {
      synchronized (delivery) {
        deliver(step);
      }
    }

    private void deliver(StreamStep step) {
      PartialResponseContext context;
      ChatResponse complete;
      List<CompleteToolCall> calls;
      synchronized (this) {
        if (ended) {
          return;
        }
        context = lastContext;
        complete = response;
        calls = List.copyOf(toolCalls);
        if (step.done()) {
          ended = true;
        }
      }
      if (step.blocked()) {
        if (context != null) {
          context.streamingHandle().cancel();
        }
        stop(step.verdict(), complete);
        return;
      }
      if (!step.released().isEmpty()) {
        if (context != null) {
          user.onPartialResponse(new PartialResponse(step.released()), context);
        } else {
          user.onPartialResponse(step.released());
        }
      }
      if (!step.done()) {
        return;
      }
      FirewallResult verdict = step.verdict();
      if (verdict.decision() == Decision.HUMAN_IN_THE_LOOP_REQUIRED && reviewPolicy != ReviewPolicy.ALLOW) {
        stop(verdict, complete);
        return;
      }
      listener.accept(verdict);
      calls.forEach(user::onCompleteToolCall);
      user.onCompleteResponse(complete);
    }

    private void stop(FirewallResult verdict, ChatResponse complete) {
      listener.accept(verdict);
      AnswerStream guard = feed.stream();
      LOG.info("Bulwark stopped a streamed answer after {} of {} characters were shown: {}", guard.releasedLength(),
          guard.length(), verdict.reason());
      if (refusal == null) {
        user.onError(new FirewallVerdictException(Verdicts.describe("answer", verdict), verdict));
        return;
      }
      user.onPartialResponse(refusal);
      ChatResponse.Builder b = complete != null ? complete.toBuilder() : ChatResponse.builder();
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
