package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.llm.TinyModel;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /v1/moderations with Llama Guard running in process on a tiny scripted GGUF model (real llama.cpp inference) that
 * always answers "unsafe,S1", in both request and answer shapes.
 */
class ModerationEndpointTest {
  static TestServer server;

  static String config(Path model) {
    return "backends:\n  local: {type: gguf, model: '" + model + "', threads: 1, context: 2048}\n"
        + "scanners:\n  llama-guard:\n    backend: local\n    version: 3-1b\n"
        + "roles:\n  user: [regex, llama-guard]\n";
  }

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(TestServer.settings(), config(TinyModel.alwaysUnsafe()));
    server.awaitReady();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void openAiShapeAnswersOneResultPerInput() {
    TestServer.Response r = server.post("/v1/moderations",
        "{\"input\": [\"first text\", \"second text\"], \"model\": \"omni-moderation-latest\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(j.path("id").asText()).startsWith("modr-");
    assertThat(j.path("model").asText()).as("the model that judged, not the one asked for").isEqualTo("llama-guard-3-1b");
    assertThat(j.path("results").size()).isEqualTo(2);
    JsonNode first = j.path("results").get(0);
    assertThat(first.path("flagged").asBoolean()).isTrue();
    assertThat(first.path("categories").size()).isEqualTo(13);
    assertThat(first.path("categories").path("violence").asBoolean()).isTrue();
    assertThat(first.path("category_scores").path("violence").asDouble()).isGreaterThan(0.5);
    assertThat(first.path("flagged_codes").get(0).asText()).isEqualTo("S1");
  }

  @Test
  void openAiShapeTakesASingleString() {
    TestServer.Response r = server.post("/v1/moderations", "{\"input\": \"one text\"}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("results").size()).isEqualTo(1);
  }

  @Test
  void llamaApiShapeAnswersInItsOwnShape() {
    TestServer.Response r = server.post("/v1/moderations", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"},"
        + " {\"role\": \"assistant\", \"content\": \"an answer\"}]}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(j.has("id")).isFalse();
    assertThat(j.path("model").asText()).isNotBlank();
    assertThat(j.path("results").size()).isEqualTo(1);
    assertThat(j.path("results").get(0).path("flagged").asBoolean()).isTrue();
    assertThat(j.path("results").get(0).path("flagged_categories").get(0).asText()).isEqualTo("S1");
    assertThat(j.path("results").get(0).has("category_scores")).isFalse();
  }

  @Test
  void tenThousandInputsAreRefusedAtOnce() {
    StringBuilder b = new StringBuilder("{\"input\": [");
    for (int i = 0; i < 10_000; i++) {
      b.append(i == 0 ? "" : ",").append("\"text ").append(i).append('"');
    }
    long start = System.nanoTime();
    TestServer.Response r = server.post("/v1/moderations", b.append("]}").toString());
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.errorType()).isEqualTo("payload_too_large");
    assertThat(r.errorMessage()).contains("10000 items").contains("at most 64");
    assertThat(System.nanoTime() - start).as("refused before judging anything").isLessThan(10_000_000_000L);
  }

  @Test
  void badShapesAre422() {
    String[][] cases = {
        {"{\"input\": []}", "'input'"},
        {"{\"input\": 5}", "'input'"},
        {"{\"input\": [\"a\", 3]}", "input[1]"},
        {"{\"input\": \"a\", \"messages\": []}", "exactly one"},
        {"{\"messages\": []}", "'messages'"},
        {"{\"messages\": [{\"content\": \"no role\"}]}", "'role'"},
        {"{\"model\": \"m\"}", "exactly one"}};
    for (String[] c : cases) {
      TestServer.Response r = server.post("/v1/moderations", c[0]);
      assertThat(r.status()).as(c[0] + " -> " + r.body()).isEqualTo(422);
      assertThat(r.errorType()).isEqualTo("invalid_request");
      assertThat(r.errorMessage()).contains(c[1]);
    }
    assertThat(server.post("/v1/moderations", "not json").status()).isEqualTo(400);
  }

  @Test
  void theSameModelGuardsScansThroughTheFirewall() {
    TestServer.Response r = server.post("/v1/scan", "{\"message\": {\"role\": \"user\", \"content\": \"hello\"}}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("decision").asText()).isEqualTo("block");
    assertThat(r.json().path("findings").findValuesAsText("category")).contains("S1");
  }

  @Test
  void readinessReportsTheModel() {
    assertThat(server.get("/readyz").json().path("components").path("moderation").asText()).startsWith("ready");
  }
}
