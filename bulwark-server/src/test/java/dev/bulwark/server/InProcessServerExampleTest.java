package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;

import example.InProcessServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "In Java" example of docs/HTTP-API.md is this test source, byte for byte, and it runs. */
class InProcessServerExampleTest {
  static final Path SOURCE = Path.of("src", "test", "java", "example", "InProcessServer.java");

  @Test
  void docsShowTheExampleVerbatim() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "HTTP-API.md"));
    assertThat(doc).contains("```java\n" + Files.readString(SOURCE) + "```");
  }

  @Test
  void exampleStartsTheServerAndScans(@TempDir Path dir) throws Exception {
    // This module's class path has no bulwark-promptguard, so the configuration names core's scanners only.
    Path config = Files.writeString(dir.resolve("bulwark.yaml"),
        "roles:\n  user: [hidden-text, regex]\n  system: []\n  assistant: []\n  tool: []\n  memory: []\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      InProcessServer.main(new String[] {config.toString()});
    } finally {
      System.setOut(saved);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("{\"decision\":\"block\"")
        .contains("injection.ignore-instructions");
  }
}
