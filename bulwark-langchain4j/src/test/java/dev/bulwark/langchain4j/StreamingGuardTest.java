package dev.bulwark.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Decision;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallConfig;
import dev.bulwark.core.FirewallResult;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.StreamMode;
import dev.bulwark.core.Trace;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@link BulwarkStreamingChatModel} behind a real AI service's {@link TokenStream}, in front of a streaming model
 * written here (tokens from its own thread, cancellable through its {@link StreamingHandle}, as LangChain4j's HTTP
 * models behave): checked sentences reach the handler while the model is still generating; a block cancels the model
 * and ends the stream with the refusal or the verdict as an error.
 */
class StreamingGuardTest {
  private static final Firewall FIREWALL = Firewall.fromConfig(FirewallConfig.parse("""
      scanners:
        answer-terms:
          type: regex
          defaults: false
          patterns:
            - {name: unsafe-verdict, pattern: "(?i)\\\\bunsafe\\\\b", decision: block}
      roles:
        user: [hidden-text]
        system: []
        assistant: [answer-terms]
        tool: []
        memory: []
      """, "test"));

  interface Assistant {
    TokenStream chat(String message);
  }

  @AfterAll
  static void close() {
    FIREWALL.close();
  }

  /** Streams its answer in 3-char tokens from its own thread; can pause after a token until the caller saw text. */
  static final class TokenModel implements StreamingChatModel {
    final String answer;
    final int pauseAfter;
    final CountDownLatch callerSawText = new CountDownLatch(1);
    final AtomicBoolean waitedInVain = new AtomicBoolean();
    final AtomicBoolean cancelled = new AtomicBoolean();
    final AtomicInteger emitted = new AtomicInteger();
    /** When the model had handed over its last token and its complete response (System.nanoTime). */
    volatile long finishedAt;

    TokenModel(String answer, int pauseAfter) {
      this.answer = answer;
      this.pauseAfter = pauseAfter;
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
      StreamingHandle handle = new StreamingHandle() {
        @Override
        public void cancel() {
          cancelled.set(true);
        }

        @Override
        public boolean isCancelled() {
          return cancelled.get();
        }
      };
      Thread t = new Thread(() -> {
        for (int i = 0; i < answer.length() && !cancelled.get(); i += 3) {
          handler.onPartialResponse(new PartialResponse(answer.substring(i, Math.min(answer.length(), i + 3))),
              new PartialResponseContext(handle));
          if (emitted.incrementAndGet() == pauseAfter) {
            try {
              waitedInVain.set(!callerSawText.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
              return;
            }
          }
        }
        if (!cancelled.get()) {
          handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(answer)).build());
        }
        finishedAt = System.nanoTime();
      }, "token-model");
      t.setDaemon(true);
      t.start();
    }
  }

  record Outcome(List<String> partials, ChatResponse complete, Throwable error) {}

  private static Outcome run(StreamingChatModel guarded, TokenModel model) throws Exception {
    Assistant assistant = AiServices.builder(Assistant.class).streamingChatModel(guarded).build();
    List<String> partials = new CopyOnWriteArrayList<>();
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    assistant.chat("Tell me.")
        .onPartialResponse(text -> {
          partials.add(text);
          model.callerSawText.countDown();
        })
        .onCompleteResponse(r -> done.complete(new Outcome(partials, r, null)))
        .onError(e -> done.complete(new Outcome(partials, null, e)))
        .start();
    return done.get(30, TimeUnit.SECONDS);
  }

  @Test
  void checkedSentencesArriveWhileTheModelIsStillGenerating() throws Exception {
    String first = "The tram leaves at nine. ";
    String rest = "It stops near the river and climbs the hill. Bring a coat.";
    TokenModel model = new TokenModel(first + rest, (first.length() + 12) / 3);
    List<FirewallResult> verdicts = new CopyOnWriteArrayList<>();
    Outcome out = run(BulwarkStreamingChatModel.builder(model, FIREWALL).listener(verdicts::add).build(), model);
    assertThat(model.waitedInVain).as("the model waited for the caller to see its first sentence").isFalse();
    assertThat(out.error()).isNull();
    assertThat(out.partials().get(0)).isEqualTo(first);
    assertThat(String.join("", out.partials())).isEqualTo(first + rest);
    assertThat(out.complete().aiMessage().text()).isEqualTo(first + rest);
    assertThat(verdicts).singleElement().extracting(FirewallResult::decision).isEqualTo(Decision.ALLOW);
  }

  /** Allows everything, sentence by sentence, each time after a long pause: a slow classifier. */
  static final class SlowJudge implements Scanner {
    final AtomicInteger judged = new AtomicInteger();

    @Override
    public String name() {
      return "slow-judge";
    }

    @Override
    public Set<Role> roles() {
      return Set.of(Role.ASSISTANT);
    }

    @Override
    public StreamMode streamMode() {
      return StreamMode.sentences(0);
    }

    @Override
    public ScanResult scan(Message message, Trace context) {
      judged.incrementAndGet();
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ScanResult.of(name(), Decision.ALLOW, 0.0, "fine", List.of());
    }

    @Override
    public void close() {}
  }

  @Test
  void aSlowScannerNeverHoldsTheModelsThread() throws Exception {
    SlowJudge judge = new SlowJudge();
    String answer = "One sentence. Another one. A third one here. And the last.";
    try (Firewall slow = Firewall.builder().add(Role.ASSISTANT, judge).build()) {
      TokenModel model = new TokenModel(answer, -1);
      List<Long> seenAt = new CopyOnWriteArrayList<>();
      BulwarkStreamingChatModel guarded = BulwarkStreamingChatModel.builder(model, slow).build();
      CompletableFuture<ChatResponse> done = new CompletableFuture<>();
      List<String> partials = new CopyOnWriteArrayList<>();
      guarded.chat(ChatRequest.builder().messages(dev.langchain4j.data.message.UserMessage.from("Count.")).build(),
          new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String text) {
              seenAt.add(System.nanoTime());
              partials.add(text);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
              done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
              done.completeExceptionally(error);
            }
          });
      assertThat(done.get(30, TimeUnit.SECONDS).aiMessage().text()).isEqualTo(answer);
      assertThat(String.join("", partials)).isEqualTo(answer);
      // Each judgement takes 300 ms; the model handed over everything before the first one ended.
      assertThat(model.finishedAt).isPositive().isLessThan(seenAt.get(0));
      assertThat(judge.judged.get()).as("text that arrived while judging was judged together")
          .isLessThan(4);
    }
  }

  @Test
  void aBlockCancelsTheModelAndEndsWithTheRefusal() throws Exception {
    String answer = "Here is a fine start. This part is unsafe to show. " + "More words follow here. ".repeat(40);
    TokenModel model = new TokenModel(answer, -1);
    Outcome out = run(BulwarkStreamingChatModel.builder(model, FIREWALL).refusal("Withheld.").build(), model);
    // The model is faster than the worker: text that arrived while a piece was judged is judged in one piece, so the
    // block may come before the first sentence was shown. Never after the unsafe one.
    assertThat(out.partials()).last().isEqualTo("Withheld.");
    assertThat(String.join("", out.partials().subList(0, out.partials().size() - 1)))
        .isIn("", "Here is a fine start. ");
    assertThat(out.complete().aiMessage().text()).isEqualTo("Withheld.");
    // How much the model emitted before the cancel depends on its speed only: its thread never waits for the scanners.
    assertThat(model.cancelled).isTrue();
  }

  @Test
  void withoutARefusalTheBlockIsAnErrorCarryingTheVerdict() throws Exception {
    TokenModel model = new TokenModel("A calm first sentence. Then something unsafe appears. And more.", -1);
    Outcome out = run(BulwarkStreamingChatModel.builder(model, FIREWALL).build(), model);
    assertThat(String.join("", out.partials())).isIn("", "A calm first sentence. ");
    assertThat(out.complete()).isNull();
    Throwable cause = out.error() instanceof FirewallVerdictException ? out.error() : out.error().getCause();
    assertThat(cause).isInstanceOf(FirewallVerdictException.class);
    assertThat(((FirewallVerdictException) cause).result().findings()).extracting(f -> f.rule())
        .containsExactly("unsafe-verdict");
  }
}
