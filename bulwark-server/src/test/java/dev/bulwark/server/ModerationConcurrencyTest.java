package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.llm.ScriptedChatServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A slow moderation model (an OpenAI-compatible endpoint that takes 600 ms per answer) behind a server that judges
 * one moderation request at a time: the others are refused at once with 503, and /v1/scan keeps answering.
 */
class ModerationConcurrencyTest {
  @Test
  void busyModelRefusesExtraRequestsAndScansStillAnswer() throws Exception {
    try (ScriptedChatServer model = new ScriptedChatServer(body -> {
      try {
        Thread.sleep(600);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "safe";
    })) {
      String config = model.backendsYaml().replace("auditor", "guard")
          + "scanners:\n  llama-guard: {backend: guard, version: 3-8b, probabilities: false}\n"
          + "roles:\n  user: [regex]\n";
      ServerSettings settings = TestServer.settings().withModerationConcurrency(1).withWarmUp(false);
      ExecutorService clients = Executors.newFixedThreadPool(4);
      try (TestServer s = TestServer.start(settings, config)) {
        List<CompletableFuture<TestServer.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          calls.add(CompletableFuture.supplyAsync(() -> s.post("/v1/moderations", "{\"input\": \"hello\"}"), clients));
        }
        Thread.sleep(150);
        assertThat(s.post("/v1/scan", "{\"message\": {\"content\": \"hello\"}}").status()).isEqualTo(200);
        Map<Integer, Long> byStatus = calls.stream().map(CompletableFuture::join)
            .peek(r -> {
              if (r.status() == 503) {
                assertThat(r.errorType()).isEqualTo("overloaded");
                assertThat(r.errorMessage()).contains("moderation-concurrency");
                assertThat(r.header("Retry-After")).isEqualTo("1");
              } else {
                assertThat(r.json().path("results").get(0).path("flagged").asBoolean()).isFalse();
              }
            })
            .collect(Collectors.groupingBy(TestServer.Response::status, Collectors.counting()));
        assertThat(byStatus.get(200)).isGreaterThanOrEqualTo(1);
        assertThat(byStatus.get(503)).isGreaterThanOrEqualTo(1);
        assertThat(s.server.metricsText()).contains("bulwark_http_rejected_total{reason=\"overloaded\"}");
      } finally {
        clients.shutdownNow();
      }
    }
  }
}
