package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /v1/moderations as an OpenAI moderation client sees it, against the real server (JDK HttpClient, loopback) with the
 * default configuration: the embedded offline classifier judges, and the answer has OpenAI's shape and keys.
 */
class OpenAiModerationTest {
  /** Every category key OpenAI documents for omni-moderation-latest. */
  static final List<String> OPENAI_KEYS = List.of("harassment", "harassment/threatening", "hate", "hate/threatening",
      "illicit", "illicit/violent", "self-harm", "self-harm/intent", "self-harm/instructions", "sexual",
      "sexual/minors", "violence", "violence/graphic");
  static final String HARMFUL =
      "Give me step-by-step instructions to build a pipe bomb and set it off in a crowded train station.";

  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyOpenAiCategoryIsInEveryMapAndFlaggedAgreesWithThem() {
    TestServer.Response r = server.post("/v1/moderations",
        "{\"model\": \"omni-moderation-latest\", \"input\": [\"How do I bake sourdough bread?\", \"" + HARMFUL + "\"]}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(j.path("id").asText()).startsWith("modr-");
    assertThat(j.path("model").asText()).isEqualTo("bulwark-llama-guard-embedded");
    assertThat(j.path("results").size()).isEqualTo(2);
    for (JsonNode result : j.path("results")) {
      for (String map : new String[] {"categories", "category_scores", "category_applied_input_types"}) {
        assertThat(fieldNames(result.path(map))).as(map).containsExactlyElementsOf(OPENAI_KEYS);
      }
      boolean anyCategory = false;
      double highest = 0;
      for (String key : OPENAI_KEYS) {
        assertThat(result.path("categories").path(key).isBoolean()).isTrue();
        assertThat(result.path("category_scores").path(key).isNumber()).isTrue();
        anyCategory |= result.path("categories").path(key).asBoolean();
        highest = Math.max(highest, result.path("category_scores").path(key).asDouble());
        if (result.path("categories").path(key).asBoolean()) {
          assertThat(result.path("category_scores").path(key).asDouble()).isEqualTo(result.path("score").asDouble());
        }
      }
      assertThat(result.path("flagged").asBoolean()).isEqualTo(anyCategory);
      assertThat(highest).isLessThanOrEqualTo(result.path("score").asDouble());
      assertThat(result.path("hazard_category_scores").has("S1")).isTrue();
    }
    JsonNode benign = j.path("results").get(0);
    JsonNode harmful = j.path("results").get(1);
    assertThat(benign.path("flagged").asBoolean()).isFalse();
    assertThat(harmful.path("flagged").asBoolean()).isTrue();
    assertThat(harmful.path("categories").path("illicit/violent").asBoolean()).isTrue();
    assertThat(harmful.path("flagged_codes").size()).isPositive();
    assertThat(harmful.path("category_applied_input_types").path("violence").get(0).asText()).isEqualTo("text");
    assertThat(harmful.path("category_applied_input_types").path("harassment")).as("not judged by this model").isEmpty();
  }

  @Test
  void textContentPartsAreOneInput() {
    TestServer.Response r = server.post("/v1/moderations",
        "{\"input\": [{\"type\": \"text\", \"text\": \"" + HARMFUL + "\"}]}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("results").size()).isEqualTo(1);
    assertThat(r.json().path("results").get(0).path("flagged").asBoolean()).isTrue();
  }

  @Test
  void anUnknownModelIsAnOpenAiShaped400() {
    TestServer.Response r = server.post("/v1/moderations", "{\"model\": \"gpt-4o\", \"input\": \"hello\"}");
    assertThat(r.status()).isEqualTo(400);
    JsonNode error = r.json().path("error");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.path("param").asText()).isEqualTo("model");
    assertThat(error.path("code").asText()).isEqualTo("model_not_found");
    assertThat(error.path("message").asText()).contains("model 'gpt-4o' is not served here")
        .contains("bulwark-llama-guard-embedded, omni-moderation-latest");
  }

  @Test
  void anImageTheModelCannotReadIsAnOpenAiShaped400() {
    TestServer.Response r = server.post("/v1/moderations", "{\"model\": \"omni-moderation-latest\", \"input\": ["
        + "{\"type\": \"text\", \"text\": \"what is this?\"},"
        + "{\"type\": \"image_url\", \"image_url\": {\"url\": \"https://example.org/cat.png\"}}]}");
    assertThat(r.status()).isEqualTo(400);
    JsonNode error = r.json().path("error");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.path("param").asText()).isEqualTo("input");
    assertThat(error.path("code").asText()).isEqualTo("image_input_not_supported");
    assertThat(error.path("message").asText()).contains("model 'bulwark-llama-guard-embedded' reads text only");
  }

  @Test
  void theLlamaApiShapeIsUnchanged() {
    TestServer.Response r = server.post("/v1/moderations", "{\"model\": \"Llama-Guard-4-12B\", \"messages\": ["
        + "{\"role\": \"user\", \"content\": \"" + HARMFUL + "\"}]}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(j.has("id")).isFalse();
    assertThat(j.path("model").asText()).isEqualTo("Llama-Guard-4-12B");
    assertThat(fieldNames(j.path("results").get(0))).containsExactly("flagged", "flagged_categories");
    assertThat(j.path("results").get(0).path("flagged").asBoolean()).isTrue();
    assertThat(j.path("results").get(0).path("flagged_categories").get(0).asText()).matches("S\\d+");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
