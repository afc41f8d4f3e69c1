package dev.bulwark.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** serve-llm with a real (tiny, random) model, called by our HTTP client and by the official OpenAI Java client. */
class LocalModelServerTest {
  static GgufBackend model;
  static LocalModelServer server;
  static OpenAiBackend client;

  @BeforeAll
  static void start() throws Exception {
    model = GgufBackend.open("local", TinyModel.path(), 2, 2048);
    server = LocalModelServer.start(model, "127.0.0.1", 0, "tiny", Duration.ofSeconds(60));
    client = new OpenAiBackend(OpenAiBackend.Settings.of("served", server.baseUrl().toString(), "tiny").withRawPrompts(true));
  }

  @AfterAll
  static void stop() {
    server.close();
    model.close();
  }

  @Test
  void chatCompletionWithLogprobsThroughOurClient() {
    LlmResponse r = client.complete(LlmRequest.chat(List.of(ChatMessage.user("check this content"))).withMaxTokens(4)
        .withTopLogprobs(2));
    assertThat(r.model()).isEqualTo("tiny");
    assertThat(r.promptTokens()).isGreaterThan(3);
    assertThat(r.logprobs()).hasSize(r.completionTokens());
    r.logprobs().forEach(t -> {
      assertThat(t.logprob()).isLessThanOrEqualTo(0.0);
      assertThat(t.top()).hasSizeLessThanOrEqualTo(2);
    });
  }

  @Test
  void rawPromptThroughCompletionsMatchesInProcessGeneration() {
    String prompt = "<|begin_of_text|>Task: check safe unsafe content\n\n";
    LlmResponse remote = client.complete(LlmRequest.raw(prompt).withMaxTokens(5).withTopLogprobs(1));
    LlmResponse local = model.complete(LlmRequest.raw(prompt).withMaxTokens(5));
    assertThat(remote.text()).isEqualTo(local.text());
    assertThat(remote.logprobs()).hasSize(remote.completionTokens());
  }

  @Test
  void officialOpenAiClientWorksUnchanged() {
    OpenAIClient openai = OpenAIOkHttpClient.builder().baseUrl(server.baseUrl().toString()).apiKey("unused").build();
    try {
      List<String> ids = new ArrayList<>();
      openai.models().list().autoPager().forEach(m -> ids.add(m.id()));
      assertThat(ids).containsExactly("tiny");
      ChatCompletion c = openai.chat().completions().create(ChatCompletionCreateParams.builder()
          .model("tiny")
          .addSystemMessage("You are terse.")
          .addUserMessage("Is this safe?")
          .maxCompletionTokens(4)
          .temperature(0.0)
          .logprobs(true)
          .topLogprobs(2)
          .build());
      assertThat(c.choices()).hasSize(1);
      var logprobs = c.choices().get(0).logprobs().orElseThrow().content().orElseThrow();
      assertThat(logprobs).isNotEmpty();
      assertThat(logprobs.get(0).topLogprobs()).isNotEmpty();
      assertThat(c.usage().orElseThrow().promptTokens()).isGreaterThan(3);

      StringBuilder streamed = new StringBuilder();
      try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(
          ChatCompletionCreateParams.builder().model("tiny").addUserMessage("Is this safe?").maxCompletionTokens(4)
              .temperature(0.0).build())) {
        stream.stream().forEach(ch -> ch.choices().forEach(choice -> choice.delta().content().ifPresent(streamed::append)));
      }
      ChatCompletion again = openai.chat().completions().create(ChatCompletionCreateParams.builder()
          .model("tiny").addUserMessage("Is this safe?").maxCompletionTokens(4).temperature(0.0).build());
      assertThat(streamed.toString()).isEqualTo(again.choices().get(0).message().content().orElse(""));
    } finally {
      openai.close();
    }
  }

  @Test
  void badRequestsGetOpenAiErrorObjects() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI chat = URI.create(server.baseUrl() + "/chat/completions");
    HttpResponse<String> notJson = http.send(HttpRequest.newBuilder(chat).POST(HttpRequest.BodyPublishers.ofString("{oops"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).contains("\"error\"").contains("not valid JSON");
    byte[] latin1 = "{\"messages\":[{\"role\":\"user\",\"content\":\"caf\u00e9\"}]}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    HttpResponse<String> notUtf8 = http.send(HttpRequest.newBuilder(chat).POST(HttpRequest.BodyPublishers.ofByteArray(latin1))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(notUtf8.statusCode()).isEqualTo(400);
    assertThat(notUtf8.body()).contains("not valid UTF-8");
    HttpResponse<String> image = http.send(HttpRequest.newBuilder(chat).POST(HttpRequest.BodyPublishers.ofString(
        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"http://127.0.0.1:9/x.png\"}}]}]}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(image.statusCode()).isEqualTo(400);
    assertThat(image.body()).contains("text-only");
    HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/nope")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(missing.statusCode()).isEqualTo(404);
  }
}
