package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * OpenAI's official Node client ({@code bench/openai-moderation-client/check.mjs}) against the real server, unchanged.
 * Skipped when node is not on the PATH or the client is not installed ({@code npm ci --prefix
 * bench/openai-moderation-client}): nothing is downloaded by a test.
 */
class OfficialOpenAiClientTest {
  static final Path CLIENT = Path.of("..", "bench", "openai-moderation-client").toAbsolutePath().normalize();

  @Test
  void theOfficialClientWorksUnchanged() throws Exception {
    assumeTrue(nodeRuns(), "node is not on the PATH");
    assumeTrue(Files.isDirectory(CLIENT.resolve("node_modules").resolve("openai")),
        "the openai package is not installed: npm ci --prefix " + CLIENT);
    try (TestServer server = TestServer.start()) {
      Process node = new ProcessBuilder("node", CLIENT.resolve("check.mjs").toString(), server.uri("/v1").toString())
          .redirectErrorStream(true).start();
      assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("node finished").isTrue();
      String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(node.exitValue()).as(out).isZero();
      assertThat(out).contains("4 passed, 0 failed");
    }
  }

  private static boolean nodeRuns() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
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
