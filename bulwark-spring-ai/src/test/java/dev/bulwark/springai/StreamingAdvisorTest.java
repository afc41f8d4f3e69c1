package dev.bulwark.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Decision;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallConfig;
import dev.bulwark.core.FirewallResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The advisor on a real {@link ChatClient} whose model streams tokens (a {@link ChatModel} written here, as a local
 * server's would arrive): released text reaches the caller while the model is still generating, and a block ends the
 * stream with the refusal and cancels the model.
 */
class StreamingAdvisorTest {
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

  @AfterAll
  static void close() {
    FIREWALL.close();
  }

  /** Streams its answer in 3-char tokens; can wait, after a given token, until the caller has seen some text. */
  static final class TokenModel implements ChatModel {
    final String answer;
    final int pauseAfter;
    final CountDownLatch callerSawText = new CountDownLatch(1);
    final AtomicBoolean waitedInVain = new AtomicBoolean();
    final AtomicInteger emitted = new AtomicInteger();
    final AtomicBoolean cancelled = new AtomicBoolean();

    TokenModel(String answer, int pauseAfter) {
      this.answer = answer;
      this.pauseAfter = pauseAfter;
    }

    @Override
    public ChatResponse call(Prompt prompt) {
      return new ChatResponse(List.of(new Generation(new AssistantMessage(answer))));
    }

    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < answer.length(); i += 3) {
        tokens.add(answer.substring(i, Math.min(answer.length(), i + 3)));
      }
      return Flux.fromIterable(tokens)
          .delayElements(Duration.ofMillis(2))
          .map(t -> {
            if (emitted.incrementAndGet() == pauseAfter) {
              try {
                if (!callerSawText.await(10, TimeUnit.SECONDS)) {
                  waitedInVain.set(true);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return new ChatResponse(List.of(new Generation(new AssistantMessage(t))));
          })
          .doOnCancel(() -> cancelled.set(true))
          .publishOn(Schedulers.parallel());
    }
  }

  @Test
  void releasedSentencesReachTheCallerWhileTheModelIsStillGenerating() {
    String first = "The tram leaves at nine. ";
    String rest = "It stops near the river and climbs the hill. Bring a coat.";
    TokenModel model = new TokenModel(first + rest, (first.length() + 12) / 3);
    ChatClient chat = ChatClient.builder(model).defaultAdvisors(BulwarkAdvisor.builder(FIREWALL).build()).build();
    List<String> seen = new CopyOnWriteArrayList<>();
    List<ChatClientResponse> responses = chat.prompt().user("Directions?").stream().chatClientResponse()
        .doOnNext(r -> {
          String text = r.chatResponse().getResult().getOutput().getText();
          seen.add(text);
          if (!text.isEmpty()) {
            model.callerSawText.countDown();
          }
        })
        .collectList().block(Duration.ofSeconds(30));
    assertThat(model.waitedInVain).as("the model waited for the caller to see its first sentence").isFalse();
    assertThat(seen.get(0)).isEqualTo(first);
    assertThat(String.join("", seen)).isEqualTo(first + rest);
    FirewallResult verdict = (FirewallResult) responses.get(responses.size() - 1).context().get(BulwarkAdvisor.OUTPUT_VERDICT);
    assertThat(verdict.decision()).isEqualTo(Decision.ALLOW);
  }

  @Test
  void aBlockEndsTheFluxWithTheRefusalAndCancelsTheModel() {
    String answer = "Here is a fine start. This part is unsafe to show. " + "More words follow here. ".repeat(40);
    TokenModel model = new TokenModel(answer, -1);
    ChatClient chat = ChatClient.builder(model).defaultAdvisors(
        BulwarkAdvisor.builder(FIREWALL).onBlock(BulwarkAdvisor.OnBlock.REFUSAL).refusal("Withheld.").build()).build();
    List<ChatClientResponse> responses = chat.prompt().user("Go on.").stream().chatClientResponse()
        .collectList().block(Duration.ofSeconds(30));
    List<String> texts = responses.stream().map(r -> r.chatResponse().getResult().getOutput().getText()).toList();
    assertThat(texts).containsExactly("Here is a fine start. ", "Withheld.");
    FirewallResult verdict = (FirewallResult) responses.get(1).context().get(BulwarkAdvisor.OUTPUT_VERDICT);
    assertThat(verdict.decision()).isEqualTo(Decision.BLOCK);
    assertThat(verdict.findings()).extracting(f -> f.rule()).containsExactly("unsafe-verdict");
    assertThat(model.cancelled).as("the model's stream was cancelled").isTrue();
    assertThat(model.emitted.get() * 3).as("tokens generated before the stop").isLessThan(answer.length() / 2);
  }

  @Test
  void exceptionModeEndsTheFluxWithTheBlockedExceptionAfterTheCheckedText() {
    TokenModel model = new TokenModel("A calm first sentence. Then something unsafe appears. And more.", -1);
    ChatClient chat = ChatClient.builder(model).defaultAdvisors(BulwarkAdvisor.builder(FIREWALL).build()).build();
    List<String> seen = new CopyOnWriteArrayList<>();
    Throwable error = chat.prompt().user("Go.").stream().content()
        .doOnNext(seen::add)
        .then().onErrorResume(e -> reactor.core.publisher.Mono.error(e))
        .materialize().block(Duration.ofSeconds(30)).getThrowable();
    assertThat(error).isInstanceOf(BulwarkBlockedException.class);
    assertThat(((BulwarkBlockedException) error).direction()).isEqualTo(Direction.OUTPUT);
    assertThat(String.join("", seen)).isEqualTo("A calm first sentence. ");
  }
}
