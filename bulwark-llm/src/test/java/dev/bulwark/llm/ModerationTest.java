package dev.bulwark.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModerationTest {
  static GgufBackend unsafe;
  static Moderation moderation;

  @BeforeAll
  static void load() {
    unsafe = GgufBackend.open("unsafe", TinyModel.alwaysUnsafe(), 1, 4096);
    moderation = new Moderation(new LlamaGuard(unsafe, LlamaGuardPolicy.defaults(LlamaGuardVersion.LLAMA_GUARD_3_8B),
        LlamaGuard.Options.defaults()));
  }

  @AfterAll
  static void close() {
    unsafe.close();
  }

  @Test
  void openAiShapeOneResultPerInput() throws Exception {
    String out = ModerationJson.write(moderation.moderate(ModerationJson.read("{\"input\": [\"a\", \"b\"]}")));
    JsonNode n = new ObjectMapper().readTree(out);
    assertThat(n.path("id").asText()).startsWith("modr-");
    assertThat(n.path("model").asText()).isEqualTo("llama-guard-3-8b");
    assertThat(n.path("results")).hasSize(2);
    JsonNode r = n.path("results").get(0);
    assertThat(r.path("flagged").asBoolean()).isTrue();
    // S1 (violent crimes) is OpenAI's violence, illicit and illicit/violent
    assertThat(r.path("categories").path("violence").asBoolean()).isTrue();
    assertThat(r.path("categories").path("illicit/violent").asBoolean()).isTrue();
    assertThat(r.path("categories").path("hate").asBoolean()).isFalse();
    assertThat(r.path("categories").size()).isEqualTo(13);
    assertThat(r.path("category_scores").path("violence").asDouble()).isGreaterThan(0.99)
        .isEqualTo(r.path("score").asDouble());
    assertThat(r.path("category_scores").path("sexual").asDouble()).isZero();
    assertThat(r.path("category_applied_input_types").path("violence").get(0).asText()).isEqualTo("text");
    assertThat(r.path("category_applied_input_types").path("harassment")).isEmpty();
    assertThat(r.path("flagged_codes").get(0).asText()).isEqualTo("S1");
    assertThat(r.path("unmapped_codes")).isEmpty();
    assertThat(r.path("hazard_category_scores").path("S1").asDouble()).isGreaterThan(0.99);
  }

  @Test
  void openAiShapeNamesTheModelThatJudgedAndAcceptsOpenAisNames() throws Exception {
    for (String asked : new String[] {"omni-moderation-latest", "text-moderation-stable", "llama-guard-3-8b"}) {
      String out = ModerationJson.write(moderation.moderate(
          ModerationJson.read("{\"model\": \"" + asked + "\", \"input\": \"a\"}")));
      assertThat(new ObjectMapper().readTree(out).path("model").asText()).isEqualTo("llama-guard-3-8b");
    }
  }

  @Test
  void openAiShapeRefusesAnUnknownModelNamingTheAcceptedOnes() {
    assertThatThrownBy(() -> moderation.moderate(ModerationJson.read("{\"model\": \"gpt-4o\", \"input\": \"a\"}")))
        .isInstanceOfSatisfying(ModerationRequestException.class, e -> {
          assertThat(e.param()).isEqualTo("model");
          assertThat(e.code()).isEqualTo("model_not_found");
        })
        .hasMessageContaining("model 'gpt-4o' is not served here")
        .hasMessageContaining("llama-guard-3-8b, omni-moderation-latest");
  }

  @Test
  void imagesATextOnlyModelCannotReadAreRefusedNotJudgedAsText() {
    String body = "{\"input\": [{\"type\": \"text\", \"text\": \"look\"},"
        + " {\"type\": \"image_url\", \"image_url\": {\"url\": \"https://example.org/a.png\"}}]}";
    assertThatThrownBy(() -> moderation.moderate(ModerationJson.read(body)))
        .isInstanceOfSatisfying(ModerationRequestException.class, e -> assertThat(e.code()).isEqualTo("image_input_not_supported"))
        .hasMessageContaining("input: image input cannot be moderated here: model 'llama-guard-3-8b' reads text only");
  }

  @Test
  void llamaApiShapeJudgesTheConversation() throws Exception {
    String body = "{\"model\": \"Llama-Guard\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"},"
        + " {\"role\": \"assistant\", \"content\": [{\"type\": \"text\", \"text\": \"hello\"}]}]}";
    JsonNode n = new ObjectMapper().readTree(ModerationJson.write(moderation.moderate(ModerationJson.read(body))));
    assertThat(n.has("id")).isFalse();
    assertThat(n.path("model").asText()).isEqualTo("Llama-Guard");
    assertThat(n.path("results")).hasSize(1);
    assertThat(n.path("results").get(0).path("flagged").asBoolean()).isTrue();
    assertThat(n.path("results").get(0).path("flagged_categories").get(0).asText()).isEqualTo("S1");
  }

  @Test
  void badRequestsSayWhatIsWrong() {
    assertThatThrownBy(() -> ModerationJson.read("{")).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> ModerationJson.read(new byte[] {'{', '"', 'i', (byte) 0xff, '"', '}'}))
        .hasMessageContaining("not valid UTF-8");
    assertThatThrownBy(() -> ModerationJson.read("{}")).hasMessageContaining("exactly one of 'input'");
    assertThatThrownBy(() -> ModerationJson.read("{\"input\": [1]}")).hasMessageContaining("input[0] must be a string");
    assertThatThrownBy(() -> ModerationJson.read("{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"audio\"}]}]}"))
        .hasMessageContaining("unknown content type 'audio'");
    ModerationRequest multimodal = ModerationJson.read("{\"input\": [{\"type\": \"text\", \"text\": \"x\"},"
        + " {\"type\": \"image_url\", \"image_url\": {\"url\": \"https://example.org/a.png\"}}]}");
    assertThat(multimodal.items()).hasSize(1);
    assertThat(multimodal.items().get(0).get(0).imageUrls()).containsExactly("https://example.org/a.png");
  }
}
