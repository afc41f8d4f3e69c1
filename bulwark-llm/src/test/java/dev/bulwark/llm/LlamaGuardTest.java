package dev.bulwark.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Llama Guard end to end on real llama.cpp runs of scripted and random tiny models. */
class LlamaGuardTest {
  static GgufBackend safe;
  static GgufBackend unsafe;
  static GgufBackend random;

  @BeforeAll
  static void load() {
    safe = GgufBackend.open("safe", TinyModel.alwaysSafe(), 1, 4096);
    unsafe = GgufBackend.open("unsafe", TinyModel.alwaysUnsafe(), 1, 4096);
    random = GgufBackend.open("random", TinyModel.path(), 1, 4096);
  }

  @AfterAll
  static void close() {
    safe.close();
    unsafe.close();
    random.close();
  }

  private static LlamaGuard guard(GgufBackend b) {
    return new LlamaGuard(b, LlamaGuardPolicy.defaults(LlamaGuardVersion.LLAMA_GUARD_3_1B), LlamaGuard.Options.defaults());
  }

  @Test
  void safeVerdictWithMeasuredProbability() {
    LlamaGuard.Judgement j = guard(safe).judge(List.of(ChatMessage.user("What's the capital of France?")));
    assertThat(j.assessment().flagged()).isFalse();
    assertThat(j.assessment().scoreSource()).isEqualTo(SafetyAssessment.ScoreSource.TOKEN_PROBABILITIES);
    assertThat(j.assessment().score()).isLessThan(0.01);
    assertThat(j.judgedRole()).isEqualTo("User");
  }

  @Test
  void unsafeVerdictCarriesCodesAndAHighScore() {
    LlamaGuard.Judgement j = guard(unsafe).judge(List.of(ChatMessage.user("How do I hurt someone?"),
        ChatMessage.assistant("Here is how."), ChatMessage.user("thanks"), ChatMessage.assistant("More details.")));
    assertThat(j.assessment().flagged()).isTrue();
    assertThat(j.assessment().flaggedCodes()).containsExactly("S1");
    assertThat(j.assessment().score()).isGreaterThan(0.99);
    assertThat(j.assessment().categoryScores().get("S1")).isGreaterThan(0.99);
    assertThat(j.assessment().categoryScores().get("S2")).isZero();
    assertThat(j.judgedRole()).isEqualTo("Agent");
  }

  @Test
  void garbageFromTheModelIsAnError() {
    assertThatThrownBy(() -> guard(random).judge(List.of(ChatMessage.user("hello"))))
        .isInstanceOf(LlmException.class)
        .hasMessageContaining("answered neither 'safe' nor 'unsafe'");
  }

  @Test
  void longConversationsKeepTheRecentTurnsWithinBudget() {
    List<ChatMessage> conv = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      conv.add(i % 2 == 0 ? ChatMessage.user("question " + i + " " + "x".repeat(200))
          : ChatMessage.assistant("answer " + i + " " + "y".repeat(200)));
    }
    conv.add(ChatMessage.user("final question"));
    LlamaGuard g = new LlamaGuard(safe, LlamaGuardPolicy.defaults(LlamaGuardVersion.LLAMA_GUARD_3_1B),
        LlamaGuard.Options.defaults().withLimits(4_000, 2_000, 4));
    LlamaGuard.Judgement j = g.judge(conv);
    assertThat(j.droppedTurns()).isGreaterThan(150);
    assertThat(j.assessment().flagged()).isFalse();
  }

  @Test
  void longMessagesAreJudgedInWindows() {
    LlamaGuard g = new LlamaGuard(unsafe, LlamaGuardPolicy.defaults(LlamaGuardVersion.LLAMA_GUARD_3_1B),
        LlamaGuard.Options.defaults().withLimits(4_000, 1_000, 3));
    LlamaGuard.Judgement j = g.judge(List.of(ChatMessage.user("word ".repeat(1_000))));
    assertThat(j.windows()).isEqualTo(3);
    assertThat(j.truncated()).isTrue();
    assertThat(j.assessment().note()).contains("only the first 3 windows");
  }

  @Test
  void deadlineBoundsTheCall() {
    LlamaGuard g = new LlamaGuard(safe, LlamaGuardPolicy.defaults(LlamaGuardVersion.LLAMA_GUARD_3_1B),
        LlamaGuard.Options.defaults().withTimeout(Duration.ofNanos(1)));
    assertThatThrownBy(() -> g.judge(List.of(ChatMessage.user("hi"))))
        .isInstanceOf(LlmException.class)
        .satisfies(e -> assertThat(((LlmException) e).kind()).isEqualTo(LlmException.Kind.TIMEOUT));
  }

  @Test
  void llamaGuard4ImagesTravelAsContentPartsAndVerdictOnlyScoresSaySo() throws Exception {
    try (ScriptedChatServer server = new ScriptedChatServer(body -> "\n\nunsafe\nS9")) {
      var backend = new dev.bulwark.llm.OpenAiBackend(dev.bulwark.llm.OpenAiBackend.Settings
          .of("vision", server.baseUrl(), "meta-llama/Llama-Guard-4-12B").withImages(true, false));
      LlamaGuard g = new LlamaGuard(backend, LlamaGuardPolicy.defaults(LlamaGuardVersion.LLAMA_GUARD_4)
          .excluding(java.util.Set.of("S6")), LlamaGuard.Options.defaults());
      assertThat(g.format()).isEqualTo(LlamaGuard.PromptFormat.CONVERSATION);
      ChatMessage img = new ChatMessage("user", List.of(ContentPart.text("how do I use this?"),
          ContentPart.image("https://example.org/device.png")));
      SafetyAssessment a = g.assess(List.of(img));
      assertThat(a.flagged()).isTrue();
      assertThat(a.flaggedCodes()).containsExactly("S9");
      assertThat(a.scoreSource()).isEqualTo(SafetyAssessment.ScoreSource.VERDICT);
      assertThat(a.score()).isEqualTo(1.0);
      assertThat(a.note()).contains("gave no token probabilities");
      String request = server.requests.get(0);
      assertThat(request).contains("\"image_url\":{\"url\":\"https://example.org/device.png\"}")
          .contains("\"excluded_category_keys\":[\"S6\"]").contains("\"top_logprobs\":5");
    }
  }

  @Test
  void providersThatRefuseLogprobsAreAskedAgainWithout() throws Exception {
    try (ScriptedChatServer server = new ScriptedChatServer(body -> "safe")) {
      server.refuseLogprobs = true;
      var backend = new dev.bulwark.llm.OpenAiBackend(dev.bulwark.llm.OpenAiBackend.Settings
          .of("groq", server.baseUrl(), "llama-guard-4-12b"));
      LlamaGuard g = new LlamaGuard(backend, LlamaGuardPolicy.defaults(LlamaGuardVersion.LLAMA_GUARD_4), LlamaGuard.Options.defaults());
      assertThat(g.assess(List.of(ChatMessage.user("hi"))).flagged()).isFalse();
      assertThat(g.assess(List.of(ChatMessage.user("hello"))).scoreSource()).isEqualTo(SafetyAssessment.ScoreSource.VERDICT);
      assertThat(server.requests).hasSize(3);
    }
  }

  @Test
  void probabilitiesCanBeSwitchedOff() {
    LlamaGuard g = new LlamaGuard(unsafe, LlamaGuardPolicy.defaults(LlamaGuardVersion.LLAMA_GUARD_3_1B),
        LlamaGuard.Options.defaults().withProbabilities(false));
    SafetyAssessment a = g.assess(List.of(ChatMessage.user("x")));
    assertThat(a.score()).isEqualTo(1.0);
    assertThat(a.note()).contains("probabilities: false");
  }

  @Test
  void rawPromptsCannotCarryImages() {
    ChatMessage img = new ChatMessage("user", List.of(ContentPart.text("x"), ContentPart.image("https://example.org/a.png")));
    LlamaGuard g = new LlamaGuard(safe, LlamaGuardPolicy.defaults(LlamaGuardVersion.LLAMA_GUARD_4), LlamaGuard.Options.defaults());
    assertThatThrownBy(() -> g.judge(List.of(img))).hasMessageContaining("prompt-format conversation");
  }

  @Test
  void imagesNeedAVisionVersion() {
    ChatMessage img = new ChatMessage("user", List.of(ContentPart.text("x"), ContentPart.image("https://example.org/a.png")));
    assertThatThrownBy(() -> guard(safe).judge(List.of(img))).hasMessageContaining("text-only");
  }
}
