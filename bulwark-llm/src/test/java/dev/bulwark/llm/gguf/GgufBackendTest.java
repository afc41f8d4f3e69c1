package dev.bulwark.llm.gguf;

import dev.bulwark.llm.GgufBackend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.llm.ChatMessage;
import dev.bulwark.llm.LlmException;
import dev.bulwark.llm.LlmRequest;
import dev.bulwark.llm.LlmResponse;
import dev.bulwark.llm.TinyModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufBackendTest {
  static GgufBackend backend;

  @BeforeAll
  static void load() {
    backend = GgufBackend.open("local", TinyModel.path(), 2, 2048);
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  @Test
  void generatesFromARawPromptDeterministically() {
    LlmRequest r = LlmRequest.raw("<|begin_of_text|>Task: check if there is unsafe content").withMaxTokens(5);
    LlmResponse a = backend.complete(r);
    LlmResponse b = backend.complete(r);
    assertThat(a.completionTokens()).isBetween(1, 5);
    assertThat(a.text()).isEqualTo(b.text());
    assertThat(a.promptTokens()).isGreaterThan(3);
  }

  @Test
  void appliesAChatTemplateToMessages() {
    LlmResponse r = backend.complete(LlmRequest.chat(List.of(ChatMessage.system("be brief"), ChatMessage.user("hello")))
        .withMaxTokens(3));
    // The file has no chat template, so llama.cpp's ChatML fallback renders the turns; a random model may stop at once.
    assertThat(r.promptTokens()).isGreaterThan(8);
    assertThat(r.completionTokens()).isBetween(0, 3);
  }

  @Test
  void measuresLogprobsThatAreConsistentWithGreedyDecoding() {
    LlmResponse r = backend.complete(LlmRequest.raw("user check safe unsafe content").withMaxTokens(3).withTopLogprobs(3));
    assertThat(r.logprobs()).hasSize(r.completionTokens());
    var first = r.logprobs().get(0);
    assertThat(first.top()).isNotEmpty();
    // Greedy: the chosen token is the most likely one.
    assertThat(first.logprob()).isGreaterThanOrEqualTo(first.top().get(first.top().size() - 1).logprob());
    assertThat(first.top().get(0).token()).isEqualTo(first.token());
    double sum = first.top().stream().mapToDouble(a -> Math.exp(a.logprob())).sum();
    assertThat(sum).isLessThanOrEqualTo(1.0 + 1e-9);
  }

  @Test
  void scoresCandidates() {
    double[] p = backend.candidateProbabilities("user check content\n\n", List.of("safe", "unsafe"), Duration.ofSeconds(10));
    assertThat(p[0] + p[1]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(p[1]).isBetween(0.0, 1.0);
  }

  @Test
  void aLongGenerationIsAbandonedAtTheDeadlineAndTheModelStaysUsable() {
    LlmRequest longOne = LlmRequest.raw("user check safe unsafe content").withMaxTokens(1900)
        .withTimeout(Duration.ofMillis(30));
    long start = System.nanoTime();
    assertThatThrownBy(() -> backend.complete(longOne))
        .isInstanceOf(LlmException.class)
        .satisfies(e -> assertThat(((LlmException) e).kind()).isEqualTo(LlmException.Kind.TIMEOUT));
    // Bounded (not a speed assertion): released at the deadline, not after 1,900 tokens.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(backend.complete(LlmRequest.raw("hello").withMaxTokens(2)).completionTokens()).isBetween(0, 2);
  }

  @Test
  void refusesImages() {
    var msg = new ChatMessage("user", List.of(dev.bulwark.llm.ContentPart.text("x"), dev.bulwark.llm.ContentPart.image("http://127.0.0.1:9/a.png")));
    assertThatThrownBy(() -> backend.complete(LlmRequest.chat(List.of(msg))))
        .isInstanceOf(LlmException.class).hasMessageContaining("text-only");
  }

  @Test
  void rejectsFilesThatAreNotGguf(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("model.gguf"), "not a model");
    assertThatThrownBy(() -> GgufBackend.open("x", bad, 1, 512))
        .isInstanceOf(LlmException.class).hasMessageContaining("not a GGUF model");
    assertThatThrownBy(() -> GgufBackend.open("x", dir.resolve("missing.gguf"), 1, 512))
        .isInstanceOf(LlmException.class).hasMessageContaining("not found");
  }
}
