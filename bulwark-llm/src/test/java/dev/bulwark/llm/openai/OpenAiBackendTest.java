package dev.bulwark.llm.openai;

import dev.bulwark.llm.OpenAiBackend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.llm.ChatMessage;
import dev.bulwark.llm.ContentPart;
import dev.bulwark.llm.LlmException;
import dev.bulwark.llm.LlmRequest;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Down, slow, garbage, rate-limited and failing servers: precise errors, bounded time. */
class OpenAiBackendTest {
  private static final LlmRequest HELLO = LlmRequest.chat(List.of(ChatMessage.user("hello"))).withMaxTokens(4);

  @Test
  void serverDownIsUnavailableAndSaysSo() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    OpenAiBackend b = new OpenAiBackend(OpenAiBackend.Settings.of("guard", "http://127.0.0.1:" + port + "/v1", "m")
        .withRetries(1, Duration.ofMillis(10)));
    assertThatThrownBy(() -> b.complete(HELLO.withTimeout(Duration.ofSeconds(5))))
        .isInstanceOf(LlmException.class)
        .hasMessageContaining("cannot connect to http://127.0.0.1:" + port + "/v1/chat/completions")
        .satisfies(e -> assertThat(((LlmException) e).kind()).isEqualTo(LlmException.Kind.UNAVAILABLE));
  }

  @Test
  void slowServerTimesOutAtTheDeadline() throws Exception {
    try (MisbehavingServer slow = new MisbehavingServer((ex, call) -> {
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        return;
      }
      MisbehavingServer.send(ex, 200, "application/json", MisbehavingServer.OK);
    })) {
      OpenAiBackend b = new OpenAiBackend(OpenAiBackend.Settings.of("guard", slow.baseUrl(), "m"));
      long start = System.nanoTime();
      assertThatThrownBy(() -> b.complete(HELLO.withTimeout(Duration.ofMillis(400))))
          .isInstanceOf(LlmException.class)
          .satisfies(e -> assertThat(((LlmException) e).kind()).isEqualTo(LlmException.Kind.TIMEOUT));
      // Bounded, not a timing assertion on speed: the call returns long before the server's 10 s.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void garbageAnswersAreBadResponsesWithAnExcerpt() throws Exception {
    try (MisbehavingServer html = new MisbehavingServer((ex, call) ->
        MisbehavingServer.send(ex, 200, "text/html", "<html>Welcome to nginx</html>"))) {
      OpenAiBackend b = new OpenAiBackend(OpenAiBackend.Settings.of("guard", html.baseUrl(), "m"));
      assertThatThrownBy(() -> b.complete(HELLO))
          .isInstanceOf(LlmException.class)
          .hasMessageContaining("non-JSON (text/html)")
          .hasMessageContaining("Welcome to nginx");
    }
    try (MisbehavingServer noChoices = new MisbehavingServer((ex, call) ->
        MisbehavingServer.send(ex, 200, "application/json", "{\"object\":\"list\"}"))) {
      OpenAiBackend b = new OpenAiBackend(OpenAiBackend.Settings.of("guard", noChoices.baseUrl(), "m"));
      assertThatThrownBy(() -> b.complete(HELLO)).hasMessageContaining("without choices");
    }
  }

  @Test
  void hugeAnswersAreRefused() throws Exception {
    String huge = "{\"choices\": [{\"message\": {\"content\": \"" + "x".repeat(17 << 20) + "\"}}]}";
    try (MisbehavingServer flood = new MisbehavingServer((ex, call) -> MisbehavingServer.send(ex, 200, "application/json", huge))) {
      OpenAiBackend b = new OpenAiBackend(OpenAiBackend.Settings.of("guard", flood.baseUrl(), "m"));
      assertThatThrownBy(() -> b.complete(HELLO)).isInstanceOf(LlmException.class).hasMessageContaining("more than 16 MB");
    }
  }

  @Test
  void rateLimitIsRetriedHonouringRetryAfter() throws Exception {
    try (MisbehavingServer limited = new MisbehavingServer((ex, call) -> {
      if (call == 1) {
        ex.getResponseHeaders().set("Retry-After", "0.05");
        MisbehavingServer.send(ex, 429, "application/json", "{\"error\":{\"message\":\"slow down\"}}");
      } else {
        MisbehavingServer.send(ex, 200, "application/json", MisbehavingServer.OK);
      }
    })) {
      OpenAiBackend b = new OpenAiBackend(OpenAiBackend.Settings.of("guard", limited.baseUrl(), "m"));
      assertThat(b.complete(HELLO).text()).isEqualTo("safe");
      assertThat(limited.calls.get()).isEqualTo(2);
    }
  }

  @Test
  void persistentServerErrorsEndAfterBoundedRetries() throws Exception {
    try (MisbehavingServer broken = new MisbehavingServer((ex, call) ->
        MisbehavingServer.send(ex, 503, "application/json", "{\"error\":{\"message\":\"model is loading\"}}"))) {
      OpenAiBackend b = new OpenAiBackend(OpenAiBackend.Settings.of("guard", broken.baseUrl(), "m")
          .withRetries(2, Duration.ofMillis(5)));
      assertThatThrownBy(() -> b.complete(HELLO))
          .isInstanceOf(LlmException.class)
          .hasMessageContaining("HTTP 503: model is loading");
      assertThat(broken.calls.get()).isEqualTo(3);
    }
  }

  @Test
  void clientErrorsAreNotRetried() throws Exception {
    try (MisbehavingServer unauthorized = new MisbehavingServer((ex, call) ->
        MisbehavingServer.send(ex, 401, "application/json", "{\"error\":{\"message\":\"bad key\"}}"))) {
      OpenAiBackend b = new OpenAiBackend(OpenAiBackend.Settings.of("guard", unauthorized.baseUrl(), "m"));
      assertThatThrownBy(() -> b.complete(HELLO)).hasMessageContaining("HTTP 401: bad key");
      assertThat(unauthorized.calls.get()).isEqualTo(1);
    }
  }

  @Test
  void unfetchableImagesFailWithTheUrl() throws Exception {
    try (MisbehavingServer images = new MisbehavingServer((ex, call) ->
        MisbehavingServer.send(ex, 404, "text/plain", "no such image"))) {
      OpenAiBackend b = new OpenAiBackend(OpenAiBackend.Settings.of("vision", images.baseUrl(), "m").withImages(true, true));
      String url = images.baseUrl() + "/cat.png";
      var msg = new ChatMessage("user", List.of(ContentPart.text("what is this"), ContentPart.image(url)));
      assertThatThrownBy(() -> b.complete(LlmRequest.chat(List.of(msg))))
          .isInstanceOf(LlmException.class)
          .hasMessageContaining("image " + url + " could not be fetched: HTTP 404");
    }
  }
}
