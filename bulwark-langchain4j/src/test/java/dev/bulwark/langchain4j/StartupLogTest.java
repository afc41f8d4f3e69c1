package dev.bulwark.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigException;
import dev.bulwark.core.Firewall;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The firewall LangChain4j's annotations use says, once, which scanners guard which role; a partial one fails. */
class StartupLogTest {
  @TempDir Path dir;

  @AfterEach
  void forget() {
    BulwarkGuardrails.use(null);
    System.clearProperty(BulwarkGuardrails.CONFIG_PROPERTY);
  }

  @Test
  void theFirewallBuiltFromConfigurationLogsItsScannersPerRoleOnce() throws Exception {
    Path file = Files.writeString(dir.resolve("bulwark.yaml"), "roles:\n  user: [hidden-text, regex]\n  system: []\n"
        + "  assistant: [regex]\n  tool: [hidden-text]\n  memory: []\n");
    System.setProperty(BulwarkGuardrails.CONFIG_PROPERTY, file.toString());
    BulwarkGuardrails.use(null);
    String err = stderrOf(() -> {
      Firewall first = BulwarkGuardrails.firewall();
      assertThat(BulwarkGuardrails.firewall()).isSameAs(first);
      first.close();
    });
    assertThat(err).containsOnlyOnce("Bulwark guardrails built their firewall from " + file
        + ": user: hidden-text, regex; system: none; assistant: regex; tool: hidden-text; memory: none");
  }

  @Test
  void theDefaultConfigurationWithoutTheModelModulesFailsNamingTheArtifact() {
    BulwarkGuardrails.use(null);
    assertThatThrownBy(BulwarkGuardrails::firewall)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("needs dev.bulwark:bulwark-promptguard on the class path");
  }

  private static String stderrOf(Runnable action) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(saved);
    }
    return err.toString(StandardCharsets.UTF_8);
  }
}
