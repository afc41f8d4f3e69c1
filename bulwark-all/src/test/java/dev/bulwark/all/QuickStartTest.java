package dev.bulwark.all;

import static org.assertj.core.api.Assertions.assertThat;

import example.QuickStart;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's Java example is this test source, byte for byte, and with bulwark-all alone it runs and blocks. */
class QuickStartTest {
  static final Path SOURCE = Path.of("src", "test", "java", "example", "QuickStart.java");

  @Test
  void theReadmeShowsTheExampleVerbatim() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    assertThat(readme).contains("```java\n" + Files.readString(SOURCE) + "```");
  }

  @Test
  void theExampleBlocksTheHiddenInstruction() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      QuickStart.main(new String[0]);
    } finally {
      System.setOut(saved);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).startsWith("block (score ").contains("The page is not passed to the model.");
  }

  @Test
  void theReadmeDependencyBlockNamesThisArtifactAndTheBom() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    assertThat(readme).contains("<artifactId>bulwark-all</artifactId>").contains("<artifactId>bulwark-bom</artifactId>");
  }
}
