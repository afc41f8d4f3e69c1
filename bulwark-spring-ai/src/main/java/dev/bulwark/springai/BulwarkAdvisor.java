package dev.bulwark.springai;

import dev.bulwark.core.AnswerStream;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallResult;
import dev.bulwark.core.Message;
import dev.bulwark.core.StreamStep;
import dev.bulwark.core.Trace;
import dev.bulwark.springai.internal.PromptMessages;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.Advisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A {@code ChatClient} advisor that runs a Bulwark {@link Firewall} on the user's message before the model call
 * (role {@code user}, the prompt's earlier messages as context) and on the answer after it (role {@code assistant},
 * the prompt as context). What is not allowed either throws {@link BulwarkBlockedException} or is replaced by a
 * refusal answer, as {@link OnBlock} says; a refused user message never reaches the model.
 *
 * <p>Both verdicts are put in the response's context under {@link #INPUT_VERDICT} and {@link #OUTPUT_VERDICT}.
 * Streaming answers pass through as the firewall releases them ({@link Firewall#stream}): whole sentences once
 * checked, holding back at most the configured tail; a block ends the stream with the refusal (or the exception).
 *
 * <p>The default order runs just before chat memory ({@link Advisor#DEFAULT_CHAT_MEMORY_PRECEDENCE_ORDER} - 1), so a
 * refused user message is never stored in memory and cannot re-trigger on later turns.
 *
 * <pre>{@code
 * ChatClient chat = ChatClient.builder(chatModel)
 *     .defaultAdvisors(BulwarkAdvisor.builder(firewall).onBlock(OnBlock.REFUSAL).build())
 *     .build();
 * }</pre>
 */
public final class BulwarkAdvisor implements CallAdvisor, StreamAdvisor {
  private static final Logger LOG = LoggerFactory.getLogger(BulwarkAdvisor.class);
  /** Response context key of the user message's {@link FirewallResult}. */
  public static final String INPUT_VERDICT = "bulwark.input";
  /** Response context key of the answer's {@link FirewallResult}. */
  public static final String OUTPUT_VERDICT = "bulwark.output";
  public static final int DEFAULT_ORDER = Advisor.DEFAULT_CHAT_MEMORY_PRECEDENCE_ORDER - 1;
  public static final String DEFAULT_REFUSAL = "I can't help with that request.";

  /** What happens to a message the firewall refuses. */
  public enum OnBlock {
    /** Throw {@link BulwarkBlockedException} (the default): the caller decides what the user sees. */
    EXCEPTION,
    /** Answer with the refusal text instead, like Spring AI's SafeGuardAdvisor. */
    REFUSAL
  }

  /** What a {@code human_in_the_loop_required} verdict does. */
  public enum OnReview {
    /** Treat it as a block (the default): there is no human in a synchronous chat call. */
    BLOCK,
    /** Let it through; the verdict stays in the response context for a later review. */
    ALLOW
  }

  private final Firewall firewall;
  private final OnBlock onBlock;
  private final OnReview onReview;
  private final String refusal;
  private final boolean scanInput;
  private final boolean scanOutput;
  private final int order;
  private final VerdictListener listener;

  private BulwarkAdvisor(Builder b) {
    this.firewall = Objects.requireNonNull(b.firewall, "firewall");
    this.onBlock = b.onBlock;
    this.onReview = b.onReview;
    this.refusal = b.refusal;
    this.scanInput = b.scanInput;
    this.scanOutput = b.scanOutput;
    this.order = b.order;
    this.listener = b.listener;
  }

  public static Builder builder(Firewall firewall) {
    return new Builder(firewall);
  }

  @Override
  public String getName() {
    return "BulwarkAdvisor";
  }

  @Override
  public int getOrder() {
    return order;
  }

  @Override
  public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
    FirewallResult input = scanInput ? checkInput(request) : null;
    if (input != null && refused(input)) {
      return refusal(Direction.INPUT, input, request.context(), null);
    }
    ChatClientResponse response = chain.nextCall(request);
    return checkOutput(request, response, input);
  }

  @Override
  public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
    // Scans block on models and CPU: off the event loop.
    return Mono.fromCallable(() -> scanInput ? java.util.Optional.ofNullable(checkInput(request)) : java.util.Optional.<FirewallResult>empty())
        .subscribeOn(Schedulers.boundedElastic())
        .flatMapMany(input -> {
          FirewallResult in = input.orElse(null);
          if (in != null && refused(in)) {
            return Flux.just(refusal(Direction.INPUT, in, request.context(), null));
          }
          Flux<ChatClientResponse> answer = chain.nextStream(request);
          if (!scanOutput) {
            return answer;
          }
          return guardStream(request, answer, in);
        });
  }

  /**
   * Passes the answer through as the firewall releases it: each upstream chunk's text is offered to an
   * {@link AnswerStream}, and what it releases goes out in place of the chunk (chunks whose text is held back are
   * dropped; the held text goes out with a later one). A block ends the {@code Flux} with the refusal (or the
   * exception) and cancels the upstream; the last chunk carries the verdict in its context.
   */
  private Flux<ChatClientResponse> guardStream(ChatClientRequest request, Flux<ChatClientResponse> answer,
      FirewallResult input) {
    return Flux.defer(() -> {
      long start = System.nanoTime();
      AnswerStream guard = firewall.stream(new Message(dev.bulwark.core.Role.ASSISTANT, ""), outputContext(request));
      AtomicBoolean stopped = new AtomicBoolean();
      AtomicReference<ChatClientResponse> lastSeen = new AtomicReference<>();
      Flux<ChatClientResponse> released = answer
          .publishOn(Schedulers.boundedElastic()) // offer() runs scanners: off the event loop
          .concatMap(chunk -> {
            if (stopped.get()) {
              return Flux.empty();
            }
            lastSeen.set(chunk);
            StreamStep step = guard.offer(deltaText(chunk.chatResponse()));
            if (step.blocked()) {
              stopped.set(true);
              return Flux.just(streamRefusal(guard, step.verdict(), chunk, input, start));
            }
            boolean toolCalls = hasToolCalls(chunk.chatResponse());
            return step.released().isEmpty() && !toolCalls ? Flux.empty()
                : Flux.just(withText(chunk, step.released(), null, null));
          });
      Mono<ChatClientResponse> end = Mono.defer(() -> {
        if (stopped.get()) {
          return Mono.empty();
        }
        stopped.set(true);
        StreamStep step = guard.finish();
        ChatClientResponse template = lastSeen.get();
        if (step.blocked() || refused(step.verdict())) {
          return Mono.just(streamRefusal(guard, step.verdict(), template, input, start));
        }
        listener.onVerdict(Direction.OUTPUT, step.verdict(), Duration.ofNanos(System.nanoTime() - start));
        if (template == null) {
          return Mono.empty();
        }
        return Mono.just(withText(template, step.released(), input, step.verdict()));
      }).subscribeOn(Schedulers.boundedElastic());
      return released.concatWith(end).takeUntil(r -> stopped.get() && r.context().containsKey(OUTPUT_VERDICT));
    });
  }

  private ChatClientResponse streamRefusal(AnswerStream guard, FirewallResult verdict, ChatClientResponse chunk,
      FirewallResult input, long start) {
    listener.onVerdict(Direction.OUTPUT, verdict, Duration.ofNanos(System.nanoTime() - start));
    LOG.info("Bulwark stopped a streamed answer after {} of {} characters were shown: {}", guard.releasedLength(),
        guard.length(), verdict.reason());
    return refusal(Direction.OUTPUT, verdict, chunk == null ? Map.of() : chunk.context(), input);
  }

  /** The chunk's text: every generation's, joined as they arrive. */
  private static String deltaText(ChatResponse response) {
    if (response == null || response.getResults() == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (Generation g : response.getResults()) {
      if (g.getOutput() != null && g.getOutput().getText() != null) {
        b.append(g.getOutput().getText());
      }
    }
    return b.toString();
  }

  private static boolean hasToolCalls(ChatResponse response) {
    if (response == null || response.getResults() == null) {
      return false;
    }
    return response.getResults().stream().anyMatch(g -> g.getOutput() != null && g.getOutput().hasToolCalls());
  }

  /** The chunk with {@code text} as its (first generation's) text, its metadata and tool calls kept. */
  private static ChatClientResponse withText(ChatClientResponse chunk, String text, FirewallResult input,
      FirewallResult output) {
    ChatResponse response = chunk.chatResponse();
    ChatResponse replaced;
    if (response == null || response.getResults() == null || response.getResults().isEmpty()) {
      replaced = ChatResponse.builder().generations(List.of(new Generation(new AssistantMessage(text)))).build();
    } else {
      List<Generation> generations = new java.util.ArrayList<>(response.getResults().size());
      for (int i = 0; i < response.getResults().size(); i++) {
        Generation g = response.getResults().get(i);
        AssistantMessage out = g.getOutput() == null ? new AssistantMessage(i == 0 ? text : "")
            : g.getOutput().mutate().content(i == 0 ? text : "").build();
        generations.add(new Generation(out, g.getMetadata()));
      }
      replaced = ChatResponse.builder().from(response).generations(generations).build();
    }
    return withVerdicts(chunk.mutate().chatResponse(replaced).build(), input, output);
  }

  /** The user message's verdict, or null when the prompt has no user message; throws in exception mode. */
  private FirewallResult checkInput(ChatClientRequest request) {
    List<org.springframework.ai.chat.messages.Message> messages = request.prompt().getInstructions();
    int last = -1;
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).getMessageType() == org.springframework.ai.chat.messages.MessageType.USER) {
        last = i;
        break;
      }
    }
    if (last < 0) {
      return null;
    }
    Message user = PromptMessages.convert(messages.get(last));
    FirewallResult verdict = scan(Direction.INPUT, user, Trace.of(PromptMessages.convert(messages.subList(0, last))));
    if (refused(verdict) && onBlock == OnBlock.EXCEPTION) {
      throw new BulwarkBlockedException(Direction.INPUT, verdict);
    }
    return verdict;
  }

  private ChatClientResponse checkOutput(ChatClientRequest request, ChatClientResponse response, FirewallResult input) {
    if (!scanOutput) {
      return withVerdicts(response, input, null);
    }
    Message answer = PromptMessages.answer(response.chatResponse());
    if (answer == null) {
      return withVerdicts(response, input, null);
    }
    FirewallResult verdict = scan(Direction.OUTPUT, answer, outputContext(request));
    if (refused(verdict)) {
      if (onBlock == OnBlock.EXCEPTION) {
        throw new BulwarkBlockedException(Direction.OUTPUT, verdict);
      }
      return refusal(Direction.OUTPUT, verdict, response.context(), input);
    }
    return withVerdicts(response, input, verdict);
  }

  private Trace outputContext(ChatClientRequest request) {
    return Trace.of(PromptMessages.convert(request.prompt().getInstructions()));
  }

  private FirewallResult scan(Direction direction, Message message, Trace context) {
    long start = System.nanoTime();
    FirewallResult r = firewall.scan(message, context);
    listener.onVerdict(direction, r, Duration.ofNanos(System.nanoTime() - start));
    return r;
  }

  private boolean refused(FirewallResult r) {
    return r.decision() == Decision.BLOCK
        || (r.decision() == Decision.HUMAN_IN_THE_LOOP_REQUIRED && onReview == OnReview.BLOCK);
  }

  private ChatClientResponse refusal(Direction direction, FirewallResult verdict, Map<String, Object> context,
      FirewallResult input) {
    if (onBlock == OnBlock.EXCEPTION) {
      throw new BulwarkBlockedException(direction, verdict);
    }
    ChatResponse answer = ChatResponse.builder()
        .generations(List.of(new Generation(new AssistantMessage(refusal))))
        .build();
    Map<String, Object> ctx = new HashMap<>(context);
    if (direction == Direction.INPUT) {
      ctx.put(INPUT_VERDICT, verdict);
    } else {
      ctx.put(INPUT_VERDICT, input);
      ctx.put(OUTPUT_VERDICT, verdict);
    }
    ctx.values().removeIf(Objects::isNull);
    return ChatClientResponse.builder().chatResponse(answer).context(ctx).build();
  }

  private static ChatClientResponse withVerdicts(ChatClientResponse response, FirewallResult input, FirewallResult output) {
    if (input == null && output == null) {
      return response;
    }
    ChatClientResponse.Builder b = response.mutate();
    if (input != null) {
      b.context(INPUT_VERDICT, input);
    }
    if (output != null) {
      b.context(OUTPUT_VERDICT, output);
    }
    return b.build();
  }

  @Override
  public String toString() {
    return "BulwarkAdvisor[onBlock=" + onBlock.name().toLowerCase(Locale.ROOT) + ", onReview="
        + onReview.name().toLowerCase(Locale.ROOT) + ", input=" + scanInput + ", output=" + scanOutput + ", order="
        + order + "]";
  }

  /** Options of {@link BulwarkAdvisor}; every one has a default. */
  public static final class Builder {
    private final Firewall firewall;
    private OnBlock onBlock = OnBlock.EXCEPTION;
    private OnReview onReview = OnReview.BLOCK;
    private String refusal = DEFAULT_REFUSAL;
    private boolean scanInput = true;
    private boolean scanOutput = true;
    private int order = DEFAULT_ORDER;
    private VerdictListener listener = VerdictListener.NONE;

    private Builder(Firewall firewall) {
      this.firewall = firewall;
    }

    public Builder onBlock(OnBlock action) {
      this.onBlock = Objects.requireNonNull(action);
      return this;
    }

    public Builder onReview(OnReview action) {
      this.onReview = Objects.requireNonNull(action);
      return this;
    }

    /** The answer given instead of a refused one, with {@link OnBlock#REFUSAL}. */
    public Builder refusal(String text) {
      this.refusal = Objects.requireNonNull(text);
      return this;
    }

    public Builder scanInput(boolean enabled) {
      this.scanInput = enabled;
      return this;
    }

    public Builder scanOutput(boolean enabled) {
      this.scanOutput = enabled;
      return this;
    }

    public Builder order(int value) {
      this.order = value;
      return this;
    }

    public Builder listener(VerdictListener value) {
      this.listener = Objects.requireNonNull(value);
      return this;
    }

    public BulwarkAdvisor build() {
      return new BulwarkAdvisor(this);
    }
  }
}
