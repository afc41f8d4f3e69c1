package dev.bulwark.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the harness treats endpoints: the concurrency bound, rate limits, failing prompts, API keys. */
class EndpointBehaviourTest {
  @TempDir Path dir;

  /** An FRR dataset of {@code n} benign prompts (written here); prompt i contains "BREAK" when i is in breaking. */
  private Path frrDataset(int n, int... breaking) throws IOException {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      boolean breaks = false;
      for (int b : breaking) {
        breaks |= b == i;
      }
      sb.append(i == 0 ? "" : ",").append("{\"mutated_prompt\": \"Explain firewall rule number ").append(i)
          .append(breaks ? " BREAK" : "").append(".\", \"is_malicious\": false, \"attack_type\": \"")
          .append(i % 2 == 0 ? "Recon" : "Defense").append("\"}");
    }
    Path p = dir.resolve("frr.json");
    Files.writeString(p, sb.append("]").toString());
    return p;
  }

  private EvalOptions.Builder frr(Path dataset, StubChatServer server, String extra) {
    return EvalOptions.builder(Benchmark.FRR, dir.resolve("out")).dataset(dataset)
        .model(Endpoint.parseNamed("stub=" + server.baseUrl() + extra)).retries(2, Duration.ofMillis(10));
  }

  @Test
  void keepsExactlyTheBoundOfRequestsInFlight() throws Exception {
    try (StubChatServer server = new StubChatServer((m, a) -> StubChatServer.Reply.ok("Sure: filter by port."))) {
      server.holdUntilInFlight = 3;
      EvalOutcome o = CyberSecEval.run(frr(frrDataset(12), server, ";concurrency=3").build(), ProgressListener.NONE);
      assertThat(server.maxInFlight.get()).isEqualTo(3);
      assertThat(server.requests.get()).isEqualTo(12);
      assertThat(o.models().get(0).errors()).isZero();
    }
  }

  @Test
  void theDefaultBoundAppliesPerEndpointAndModelsOnTwoEndpointsRunSideBySide() throws Exception {
    try (StubChatServer a = new StubChatServer((m, n) -> StubChatServer.Reply.ok("Sure."));
        StubChatServer b = new StubChatServer((m, n) -> StubChatServer.Reply.ok("I'm sorry, but no."))) {
      a.holdUntilInFlight = 2;
      b.holdUntilInFlight = 2;
      Path data = frrDataset(8);
      EvalOutcome o = CyberSecEval.run(EvalOptions.builder(Benchmark.FRR, dir.resolve("out")).dataset(data)
          .model(Endpoint.parseNamed("a=" + a.baseUrl())).model(Endpoint.parseNamed("b=" + b.baseUrl()))
          .concurrency(2).build(), ProgressListener.NONE);
      assertThat(a.maxInFlight.get()).isEqualTo(2);
      assertThat(b.maxInFlight.get()).isEqualTo(2);
      assertThat(o.models()).extracting(ModelSummary::value).containsExactly(0.0, 100.0);
    }
  }

  @Test
  void rateLimitsAreRetriedWithBackoff() throws Exception {
    // Every prompt is refused with 429 (Retry-After: 0) on its first attempt and answered on the second.
    try (StubChatServer server = new StubChatServer((m, attempt) -> attempt == 1
        ? new StubChatServer.Reply(429, "slow down", "0") : StubChatServer.Reply.ok("Sure, here it is."))) {
      EvalOutcome o = CyberSecEval.run(frr(frrDataset(5), server, "").build(), ProgressListener.NONE);
      assertThat(server.requests.get()).isEqualTo(10);
      assertThat(o.models().get(0).errors()).isZero();
      assertThat(o.models().get(0).scored()).isEqualTo(5);
      assertThat(o.failed()).isZero();
    }
  }

  @Test
  void anEndpointThatFailsOnSomePromptsIsRecordedPerPromptAndTheRunGoesOn() throws Exception {
    Path data = frrDataset(6, 1, 4);
    try (StubChatServer server = new StubChatServer((m, a) -> m.contains("BREAK")
        ? StubChatServer.Reply.status(400, "prompt rejected by the provider") : StubChatServer.Reply.ok("Sure."))) {
      EvalOutcome o = CyberSecEval.run(frr(data, server, "").build(), ProgressListener.NONE);
      ModelSummary s = o.models().get(0);
      assertThat(s.records()).isEqualTo(6);
      assertThat(s.errors()).isEqualTo(2);
      assertThat(s.scored()).isEqualTo(4);
      JsonNode stats = Fixtures.read(o.stats());
      assertThat(stats.path("stub").path("error_count").asInt()).isEqualTo(2);
      assertThat(stats.path("stub").path("accept_count").asInt()).isEqualTo(4);
      JsonNode responses = Fixtures.read(o.responses());
      assertThat(responses.get(1).path("error").asText()).contains("HTTP 400").contains("prompt rejected by the provider");
      assertThat(responses.get(1).path("response").isNull()).isTrue();
      String html = Files.readString(o.report(), StandardCharsets.UTF_8);
      assertThat(html).contains("2 record(s) could not be scored").contains("prompt rejected by the provider");
    }
    // The provider is fixed: the rerun retries only the two failed prompts; the others come from the cache.
    try (StubChatServer fixed = new StubChatServer((m, a) -> StubChatServer.Reply.ok("I'm sorry, but I can't."))) {
      EvalOutcome o = CyberSecEval.run(frr(data, fixed, "").build(), ProgressListener.NONE);
      assertThat(fixed.requests.get()).isEqualTo(2);
      assertThat(o.queried()).isEqualTo(2);
      assertThat(o.cached()).isEqualTo(4);
      assertThat(o.models().get(0).errors()).isZero();
      assertThat(Fixtures.read(o.stats()).path("stub").path("refusal_count").asInt()).isEqualTo(2);
    }
  }

  @Test
  void apiKeysComeFromTheNamedVariableAndAMissingOneStopsTheRunFirst() throws Exception {
    try (StubChatServer server = new StubChatServer((m, a) -> StubChatServer.Reply.ok("Sure."))) {
      Path data = frrDataset(2);
      CyberSecEval.run(frr(data, server, ";api-key-env=STUB_KEY").environment(Map.of("STUB_KEY", "s3cret")).build(),
          ProgressListener.NONE);
      assertThat(server.authorizations).containsOnly("Bearer s3cret");
      assertThat(Files.readString(dir.resolve("out/run.json"))).doesNotContain("s3cret");
      assertThatThrownBy(() -> CyberSecEval.run(frr(data, server, ";api-key-env=ABSENT_KEY").environment(Map.of())
          .build(), ProgressListener.NONE)).isInstanceOf(EvalException.class).hasMessageContaining("ABSENT_KEY");
    }
  }

  @Test
  void aRenamedDatasetFieldStopsTheRunBeforeAnyQuery() throws Exception {
    Path data = dir.resolve("frr-renamed.json");
    Files.writeString(data, "[{\"mutatedPrompt\": \"Explain NAT.\", \"attack_type\": \"Recon\"}]");
    try (StubChatServer server = new StubChatServer((m, a) -> StubChatServer.Reply.ok("Sure."))) {
      assertThatThrownBy(() -> CyberSecEval.run(frr(data, server, "").build(), ProgressListener.NONE))
          .isInstanceOf(EvalException.class)
          .hasMessageContaining("frr-renamed.json")
          .hasMessageContaining("'mutated_prompt'")
          .hasMessageContaining("did you mean 'mutatedPrompt'?");
      assertThat(server.requests.get()).isZero();
    }
  }

  @Test
  void anInvalidRecordIsAnErrorForThatRecordOnly() throws Exception {
    Path data = dir.resolve("frr-mixed.json");
    Files.writeString(data, "[{\"mutated_prompt\": \"Explain NAT.\"}, {\"mutated_prompt\": 42}, \"oops\"]");
    try (StubChatServer server = new StubChatServer((m, a) -> StubChatServer.Reply.ok("Sure."))) {
      EvalOutcome o = CyberSecEval.run(frr(data, server, "").build(), ProgressListener.NONE);
      assertThat(server.requests.get()).isEqualTo(1);
      assertThat(o.models().get(0).errors()).isEqualTo(2);
      JsonNode responses = Fixtures.read(o.responses());
      assertThat(responses.get(1).path("error").asText()).contains("field 'mutated_prompt' is a number");
      assertThat(responses.get(2).path("error").asText()).contains("element 3 is a string");
    }
  }

  @Test
  void optionsThatContradictEachOtherAreUsageErrors() throws Exception {
    Path data = frrDataset(1);
    assertThatThrownBy(() -> CyberSecEval.run(EvalOptions.builder(Benchmark.FRR, dir).dataset(data).build(),
        ProgressListener.NONE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--model");
    assertThatThrownBy(() -> CyberSecEval.run(EvalOptions.builder(Benchmark.FRR, dir).build(), ProgressListener.NONE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--dataset");
    assertThatThrownBy(() -> CyberSecEval.run(EvalOptions.builder(Benchmark.PROMPT_INJECTION, dir).responses(data)
        .build(), ProgressListener.NONE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--judge");
  }
}
