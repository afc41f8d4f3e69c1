package dev.bulwark.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallConfig;
import dev.bulwark.llm.LocalModelServer;
import dev.bulwark.llm.gguf.GgufBackend;
import dev.bulwark.llm.gguf.SyntheticGguf;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenAI's official Node client ({@code bench/openai-chat-client/stream.mjs}) and curl streaming through the gateway
 * to {@code serve-llm}, which runs a tiny GGUF scripted to answer {@link #ANSWER} (written here, into target/).
 * The Node part is skipped when node is not on the PATH or the client is not installed ({@code npm ci --prefix
 * bench/openai-chat-client}); nothing is downloaded by a test. The curl part is skipped without curl.
 */
class OfficialNodeClientTest {
  static final Path CLIENT = Path.of("..", "bench", "openai-chat-client").toAbsolutePath().normalize();
  /** What the scripted model says: each token's successor is fixed, so every token appears once. */
  static final String ANSWER = "Please tell me what you need. this is unsafe content!";

  private static GgufBackend model;
  private static LocalModelServer llm;
  private static Firewall open;
  private static Firewall strict;
  private static BulwarkGateway gateway;
  private static BulwarkGateway blocking;

  @BeforeAll
  static void start() throws Exception {
    Path gguf = Path.of("target", "test-models", "gateway-answer.gguf").toAbsolutePath();
    Map<String, String> next = Map.of("\u2581Please", "\u2581tell", "\u2581tell", "\u2581me", "\u2581me", "\u2581what",
        "\u2581what", "\u2581you", "\u2581you", "\u2581need", "\u2581need", ".", ".", "\u2581this", "\u2581this", "\u2581is",
        "\u2581is", "\u2581unsafe", "\u2581unsafe", "\u2581content");
    Map<String, String> script = new java.util.HashMap<>(next);
    script.put("\u2581content", "!");
    script.put("!", "<|eot_id|>");
    SyntheticGguf.scripted(script, "\u2581Please").write(gguf);
    model = GgufBackend.open("tiny", gguf, 1, 2048);
    llm = LocalModelServer.start(model, "127.0.0.1", 0, "tiny", Duration.ofSeconds(60));
    open = Firewall.fromConfig(FirewallConfig.parse("""
        roles:
          user: [hidden-text, regex]
          system: []
          assistant: [hidden-text, regex]
          tool: [regex]
          memory: []
        """, "open.yaml"));
    strict = Firewall.fromConfig(FirewallConfig.parse("""
        scanners:
          answer-terms:
            type: regex
            defaults: false
            patterns:
              - {name: unsafe-word, pattern: "(?i)\\\\bunsafe\\\\b", decision: block}
        roles:
          user: [regex]
          system: []
          assistant: [answer-terms]
          tool: [regex]
          memory: []
        """, "strict.yaml"));
    gateway = BulwarkGateway.start(GatewaySettings.of(llm.baseUrl()).withAddress("127.0.0.1", 0), open);
    blocking = BulwarkGateway.start(GatewaySettings.of(llm.baseUrl()).withAddress("127.0.0.1", 0), strict);
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
      blocking.close();
      open.close();
      strict.close();
    }
    if (llm != null) {
      llm.close();
      model.close();
    }
  }

  @Test
  void theOfficialNodeClientStreamsThroughTheGatewayUnchanged() throws Exception {
    assumeTrue(runs("node", "--version"), "node is not on the PATH");
    assumeTrue(Files.isDirectory(CLIENT.resolve("node_modules").resolve("openai")),
        "the openai package is not installed: npm ci --prefix " + CLIENT);
    String out = run(List.of("node", CLIENT.resolve("stream.mjs").toString(), gateway.baseUrl().toString(),
        blocking.baseUrl().toString(), ANSWER));
    assertThat(out).contains("5 passed, 0 failed");
  }

  @Test
  void curlSeesRawServerSentEvents() throws Exception {
    assumeTrue(runs("curl", "--version"), "curl is not on the PATH");
    String body = "{\"model\":\"tiny\",\"stream\":true,\"max_tokens\":32,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"What do you need from me?\"}]}";
    String allowed = run(curl(gateway, body));
    List<String> events = new ArrayList<>();
    for (String block : allowed.split("\n\n")) {
      assertThat(block).startsWith("data: ");
      events.add(block.substring(6));
    }
    assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
    assertThat(String.join("", events)).contains("\"object\":\"chat.completion.chunk\"").contains("\"finish_reason\":\"stop\"");
    String stopped = run(curl(blocking, body));
    assertThat(stopped).contains("\"code\":\"content_blocked\"").endsWith("data: [DONE]\n\n")
        .contains("\"content\":\" Please tell me what you need. \"").doesNotContain("is unsafe content");
  }

  private static List<String> curl(BulwarkGateway g, String body) {
    return List.of("curl", "-sS", "-N", "--max-time", "60", "-H", "Content-Type: application/json",
        "-H", "Authorization: Bearer sk-test", "--data-binary", body, g.baseUrl() + "/chat/completions");
  }

  private static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(text).isZero();
    return text;
  }

  private static boolean runs(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
