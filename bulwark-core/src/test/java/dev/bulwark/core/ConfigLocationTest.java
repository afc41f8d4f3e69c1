package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bulwark.config-style locations: classpath:, file: and plain paths, with precise errors when nothing is there. */
class ConfigLocationTest {
  @TempDir Path dir;

  @Test
  void aClassPathLocationReadsAResourcePackagedWithTheApplication() {
    FirewallConfig cfg = FirewallConfig.fromLocation("classpath:config/packaged.yaml");
    assertThat(cfg.source()).isEqualTo("classpath:config/packaged.yaml");
    try (Firewall fw = Firewall.fromConfig(cfg)) {
      assertThat(fw.describe()).isEqualTo("user: regex; system: none; assistant: none; tool: hidden-text; memory: none");
    }
    assertThat(FirewallConfig.fromLocation("classpath:/config/packaged.yaml").roles()).hasSize(5);
  }

  @Test
  void aMissingClassPathResourceSaysWhereItShouldBe() {
    assertThatThrownBy(() -> FirewallConfig.fromLocation("classpath:bulwark.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("configuration not found on the class path: classpath:bulwark.yaml (no resource 'bulwark.yaml';"
            + " in a Maven project it belongs in src/main/resources/bulwark.yaml)");
  }

  @Test
  void errorsInAClassPathConfigurationNameItsLocationAndLine() {
    assertThatThrownBy(() -> FirewallConfig.fromLocation("classpath:config/bad-key.yaml"))
        .hasMessageStartingWith("classpath:config/bad-key.yaml:2:1: unknown key 'role' (did you mean 'roles'?)");
  }

  @Test
  void fileLocationsAndPlainPathsReadFiles() throws Exception {
    Path file = Files.writeString(dir.resolve("bulwark.yaml"), "roles: {user: [regex], system: [], assistant: [],"
        + " tool: [], memory: []}\n");
    assertThat(FirewallConfig.fromLocation(file.toString()).roles()).hasSize(5);
    assertThat(FirewallConfig.fromLocation("file:" + file).roles()).hasSize(5);
    assertThat(FirewallConfig.fromLocation(file.toUri().toString()).roles()).hasSize(5);
    assertThatThrownBy(() -> FirewallConfig.fromLocation("file:" + dir.resolve("nope.yaml")))
        .hasMessageContaining("configuration file not found: " + dir.resolve("nope.yaml"));
  }

  @Test
  void anEmptyFileIsAnErrorNotTheDefaults() throws Exception {
    for (String text : new String[] {"", "\n\n", "# only a comment\n  # and another\n"}) {
      Path file = Files.writeString(dir.resolve("empty.yaml"), text);
      assertThatThrownBy(() -> FirewallConfig.load(file))
          .isInstanceOf(ConfigException.class)
          .hasMessage(file + ": the configuration is empty (no keys); write at least 'preset: default', or give no"
              + " configuration to run the defaults");
    }
    assertThatThrownBy(() -> FirewallConfig.fromLocation("classpath:config/empty.yaml"))
        .hasMessageStartingWith("classpath:config/empty.yaml: the configuration is empty");
  }

  @Test
  void notYamlNamesTheFileAndLine() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.yaml"), "roles:\n  user: [regex\n");
    assertThatThrownBy(() -> FirewallConfig.load(file)).hasMessageStartingWith(file + ":").hasMessageContaining("not valid YAML");
  }
}
