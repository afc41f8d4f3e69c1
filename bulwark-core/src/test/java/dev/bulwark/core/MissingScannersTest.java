package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A firewall never weakens itself silently: bulwark-core alone has none of the model or code scanners, so every preset
 * (they all name prompt-guard) must fail with the artifact to add, or, when the user opts in, skip with a warning.
 */
class MissingScannersTest {

  @Test
  void aPresetWhoseScannerModuleIsMissingFailsNamingTheArtifact() {
    assertThatThrownBy(() -> Firewall.builder().preset("agent").build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("scanner 'prompt-guard' needs dev.bulwark:bulwark-promptguard on the class path")
        .hasMessageContaining("dev.bulwark:bulwark-all")
        .hasMessageContaining("allow-missing-scanners: true");
  }

  @Test
  void theDefaultConfigurationFailsTooBecauseItsPresetNamesPromptGuard() {
    assertThatThrownBy(() -> Firewall.fromConfig(FirewallConfig.defaults()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("dev.bulwark:bulwark-promptguard");
  }

  @Test
  void aConfiguredScannerWhoseModuleIsMissingFailsWithFileAndLine() {
    assertThatThrownBy(() -> Firewall.fromConfig(FirewallConfig.parse("roles:\n  user: [regex, code-shield]\n", "app.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("app.yaml:2:")
        .hasMessageContaining("scanner 'code-shield' needs dev.bulwark:bulwark-codeshield on the class path");
  }

  @Test
  void aPresetScannerSaysWhichPresetAndRoleNamedIt() {
    assertThatThrownBy(() -> Firewall.fromConfig(FirewallConfig.parse("roles: {user: [regex]}", "app.yaml")))
        .hasMessageStartingWith("preset default, role assistant: scanner 'code-shield' needs dev.bulwark:bulwark-codeshield");
  }

  @Test
  void aRenamedInstanceNamesItsType() {
    String yaml = "scanners:\n  judge: {type: llama-guard}\nroles:\n  user: [judge]\n";
    assertThatThrownBy(() -> Firewall.fromConfig(FirewallConfig.parse(yaml, "app.yaml")))
        .hasMessageContaining("scanner 'judge' (type llama-guard) needs dev.bulwark:bulwark-llm");
  }

  @Test
  void anUnknownScannerListsTheValidNamesIncludingThoseNotOnTheClassPath() {
    assertThatThrownBy(() -> Firewall.fromConfig(FirewallConfig.parse("roles:\n  user: [prompt-gaurd]\n", "app.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("app.yaml:2:")
        .hasMessageContaining("unknown scanner 'prompt-gaurd' (did you mean 'prompt-guard'?)")
        .hasMessageContaining("valid names: alignment-check, code-shield, hidden-text, llama-guard, llm-judge, pii,"
            + " prompt-guard, regex, shell-command");
  }

  @Test
  void theValidNamesIncludeTheInstancesTheFileDefines() {
    String yaml = "scanners:\n  internal-terms: {type: regex}\nroles:\n  user: [internal-term]\n";
    assertThatThrownBy(() -> Firewall.fromConfig(FirewallConfig.parse(yaml, "app.yaml")))
        .hasMessageContaining("unknown scanner 'internal-term' (did you mean 'internal-terms'?)")
        .hasMessageContaining("hidden-text, internal-terms, llama-guard");
  }

  @Test
  void anUnknownPresetListsTheValidNames() {
    assertThatThrownBy(() -> Firewall.builder().preset("agnet"))
        .hasMessageContaining("unknown preset 'agnet' (did you mean 'agent'?); expected one of agent, chatbot,"
            + " coding-assistant, default");
  }

  @Test
  void everyPresetNamesOnlyScannersBulwarkShips() {
    for (String preset : Presets.names()) {
      Presets.get(preset).values().forEach(names -> assertThat(ScannerModules.names()).containsAll(names));
    }
  }

  @Test
  void optingInSkipsTheMissingScannersWithAWarningAtBuild() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try (Firewall fw = Firewall.fromConfig(FirewallConfig.parse("preset: agent\nallow-missing-scanners: true\n", "app.yaml"))) {
      assertThat(fw.scanners(Role.USER)).extracting(ScannerBinding::name).containsExactly("hidden-text", "regex");
      assertThat(fw.notes()).anyMatch(n -> n.contains("'prompt-guard' skipped: it needs dev.bulwark:bulwark-promptguard"));
    } finally {
      System.setErr(saved);
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("WARN dev.bulwark.core.Firewall - Bulwark firewall (app.yaml): scanner 'prompt-guard' skipped");
  }

  @Test
  void theBuilderOptionOverridesTheFile() {
    try (Firewall fw = Firewall.builder().config(FirewallConfig.defaults()).allowMissingScanners(true).build()) {
      assertThat(fw.describe()).isEqualTo(
          "user: hidden-text, regex; system: none; assistant: none; tool: hidden-text; memory: hidden-text");
    }
    assertThatThrownBy(() -> Firewall.builder().config(FirewallConfig.parse("allow-missing-scanners: true", "app.yaml"))
        .allowMissingScanners(false).build()).hasMessageContaining("bulwark-promptguard");
  }

  @Test
  void theKeyTakesOnlyABoolean() {
    assertThatThrownBy(() -> FirewallConfig.parse("allow-missing-scanners: sometimes\n", "app.yaml"))
        .hasMessageContaining("app.yaml:1:").hasMessageContaining("allow-missing-scanners: expected true or false");
  }
}
