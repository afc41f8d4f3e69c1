package dev.bulwark.springai;

import dev.bulwark.llm.LocalModelServer;
import dev.bulwark.llm.GgufBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A local OpenAI-compatible endpoint ({@code serve-llm}'s server, llama.cpp on a tiny scripted GGUF model) and the
 * properties that point Spring AI's OpenAI starter and Bulwark at it.
 */
final class LocalModel {
  /** User turns: default rules plus a review rule; answers containing "unsafe" are blocked. */
  static final String FIREWALL_CONFIG = """
      scanners:
        review-terms:
          type: regex
          defaults: false
          patterns:
            - {name: refund, pattern: "(?i)\\\\brefund\\\\b", decision: human_in_the_loop_required}
        answer-terms:
          type: regex
          defaults: false
          patterns:
            - {name: unsafe-verdict, pattern: "(?i)\\\\bunsafe\\\\b", decision: block}
      roles:
        user: [hidden-text, regex, review-terms]
        assistant: [answer-terms]
        tool: [hidden-text, regex]
        memory: [hidden-text]
      """;

  private LocalModel() {}

  /** Starts the model once per JVM and model file; the JVM's exit ends it. */
  static synchronized LocalModelServer serve(Path model) {
    try {
      GgufBackend backend = GgufBackend.open("tiny", model, 1, 2048);
      return LocalModelServer.start(backend, "127.0.0.1", 0, "tiny", Duration.ofSeconds(60));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void properties(DynamicPropertyRegistry registry, LocalModelServer server) {
    registry.add("spring.ai.openai.base-url", () -> server.baseUrl().toString());
    registry.add("spring.ai.openai.api-key", () -> "not-needed-locally");
    registry.add("spring.ai.openai.chat.model", () -> "tiny");
    registry.add("spring.ai.openai.chat.max-tokens", () -> "8");
    registry.add("spring.ai.openai.chat.temperature", () -> "0.0");
    registry.add("bulwark.config", LocalModel::configFile);
  }

  static String configFile() {
    try {
      Path file = Path.of("target", "test-config", "bulwark.yaml").toAbsolutePath();
      Files.createDirectories(file.getParent());
      Files.writeString(file, FIREWALL_CONFIG);
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
