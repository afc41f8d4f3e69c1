package dev.bulwark.all;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bulwark.yaml that docs/INTEGRATIONS.md gives its examples builds, with every scanner it names, as commented. */
class IntegrationDocsConfigTest {
  static final String MARKER = "```yaml\n# src/main/resources/bulwark.yaml\n";

  @Test
  void theExamplesConfigurationBuildsComplete() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "INTEGRATIONS.md"));
    int start = doc.indexOf(MARKER);
    assertThat(start).as("INTEGRATIONS.md shows the examples' bulwark.yaml").isNotNegative();
    String yaml = doc.substring(start + "```yaml\n".length(), doc.indexOf("```", start + MARKER.length()));
    try (Firewall fw = Firewall.fromConfig(FirewallConfig.parse(yaml, "bulwark.yaml"))) {
      assertThat(fw.notes()).isEmpty();
      assertThat(fw.describe()).isEqualTo("user: prompt-guard, llama-guard, hidden-text, regex; system: prompt-guard;"
          + " assistant: llama-guard, pii; tool: none; memory: none");
    }
  }
}
