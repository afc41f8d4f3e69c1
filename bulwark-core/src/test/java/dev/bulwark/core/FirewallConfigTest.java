package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.testing.TestScanners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration is validated with messages that name the file, the line and the fix. */
class FirewallConfigTest {

  private static ConfigException buildFails(String yaml) {
    try {
      Firewall.fromConfig(FirewallConfig.parse(yaml, "bulwark.yaml")).close();
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("expected a configuration error for:\n" + yaml);
  }

  @Test
  void aFullConfigurationIsRead() {
    FirewallConfig cfg = FirewallConfig.parse("""
        preset: agent
        allow-missing-scanners: true  # bulwark-core alone has no prompt-guard, code-shield or shell-command
        deadline: 750ms
        short-circuit: true
        max-content-chars: 1_000
        scanners:
          internal-terms:
            type: regex
            defaults: false
            failure-mode: closed
            deadline: 2s
            patterns:
              - {name: codename, pattern: "blue\\\\s*bird", decision: human_in_the_loop_required}
        roles:
          user: [internal-terms, hidden-text]
          tool: []
        """, "bulwark.yaml");
    assertThat(cfg.preset()).isEqualTo("agent");
    assertThat(cfg.deadline()).isEqualTo(Duration.ofMillis(750));
    assertThat(cfg.shortCircuit()).isTrue();
    assertThat(cfg.maxContentChars()).isEqualTo(1000);
    try (Firewall fw = Firewall.fromConfig(cfg)) {
      assertThat(fw.shortCircuit()).isTrue();
      ScannerBinding terms = fw.scanners(Role.USER).get(0);
      assertThat(terms.name()).isEqualTo("internal-terms");
      assertThat(terms.failureMode()).isEqualTo(FailureMode.CLOSED);
      assertThat(terms.deadline()).isEqualTo(Duration.ofSeconds(2));
      assertThat(fw.scanners(Role.USER).get(1).deadline()).isEqualTo(Duration.ofMillis(750));
      assertThat(fw.scanners(Role.TOOL)).isEmpty();
      FirewallResult r = fw.scan(Message.user("Project Blue Bird launches"));
      assertThat(r.decision()).isEqualTo(Decision.HUMAN_IN_THE_LOOP_REQUIRED);
      assertThat(r.results().get(0).scanner()).isEqualTo("internal-terms");
      assertThat(r.findings().get(0).rule()).isEqualTo("codename");
      // the preset still supplies the roles the file does not name
      assertThat(fw.scanners(Role.MEMORY)).extracting(ScannerBinding::name).contains("hidden-text");
    }
  }

  @Test
  void unknownScannerNamesTheLineAndTheAlternatives() {
    ConfigException e = buildFails("roles:\n  user: [regex, prompt-gaurd]\n");
    assertThat(e.getMessage()).startsWith("bulwark.yaml:2:17").contains("unknown scanner 'prompt-gaurd'")
        .contains("valid names:");
  }

  @Test
  void unknownRoleNamesTheLine() {
    ConfigException e = buildFails("roles:\n  users: [regex]\n");
    assertThat(e.getMessage()).startsWith("bulwark.yaml:2:3").contains("unknown role 'users'").contains("user, system");
  }

  @Test
  void badThresholdAndUnknownSettingsAreRejected() {
    assertThat(buildFails("scanners:\n  regex:\n    max-findings: -3\nroles: {user: [regex]}\n").getMessage())
        .startsWith("bulwark.yaml:3:19").contains("max-findings").contains("between 1 and 1000");
    assertThat(buildFails("scanners:\n  regex:\n    defualts: false\nroles: {user: [regex]}\n").getMessage())
        .startsWith("bulwark.yaml:3:5").contains("unknown setting 'defualts'").contains("did you mean 'defaults'");
    assertThat(buildFails("scanners:\n  hidden-text:\n    zero-width: maybe\nroles: {user: [hidden-text]}\n").getMessage())
        .contains("bulwark.yaml:3:17").contains("zero-width").contains("unknown decision 'maybe'");
  }

  @Test
  void structuralErrorsAreCaughtWhileParsing() {
    assertThatThrownBy(() -> FirewallConfig.parse("roles: [user]", "b.yaml"))
        .hasMessageStartingWith("b.yaml:1:8").hasMessageContaining("expected a mapping");
    assertThatThrownBy(() -> FirewallConfig.parse("rolse: {}", "b.yaml"))
        .hasMessageContaining("unknown key 'rolse'").hasMessageContaining("did you mean 'roles'");
    assertThatThrownBy(() -> FirewallConfig.parse("deadline: soon", "b.yaml"))
        .hasMessageStartingWith("b.yaml:1:11").hasMessageContaining("250ms");
    assertThatThrownBy(() -> FirewallConfig.parse("roles:\n  user: [regex\n", "b.yaml"))
        .hasMessageStartingWith("b.yaml:").hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> FirewallConfig.parse("roles: {user: []}\nroles: {}", "b.yaml"))
        .hasMessageContaining("duplicate key 'roles'");
    assertThatThrownBy(() -> FirewallConfig.parse("preset: robot", "b.yaml"))
        .hasMessageContaining("unknown preset 'robot'");
    assertThatThrownBy(() -> FirewallConfig.parse("scanners:\n  regex:\n    failure-mode: ajar\n", "b.yaml"))
        .hasMessageStartingWith("b.yaml:3:19").hasMessageContaining("open or closed");
  }

  @Test
  void invalidUserPatternsAreRejectedWithTheReason() {
    ConfigException e = buildFails("scanners:\n  regex:\n    patterns:\n      - {name: bad, pattern: '(a)\\1'}\nroles: {user: [regex]}\n");
    assertThat(e.getMessage()).contains("bulwark.yaml:4").contains("not a valid RE2 pattern").contains("backreferences");
  }

  @Test
  void unreadableFilesGetAPreciseError(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> FirewallConfig.load(dir.resolve("missing.yaml")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("not found").hasMessageContaining("missing.yaml");
    Path binary = dir.resolve("binary.yaml");
    Files.write(binary, new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1, 2});
    assertThatThrownBy(() -> FirewallConfig.load(binary)).hasMessageContaining("not UTF-8");
    Path bomb = dir.resolve("bomb.yaml");
    Files.writeString(bomb, "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        + "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n");
    assertThatThrownBy(() -> FirewallConfig.load(bomb)).isInstanceOf(ConfigException.class);
  }

  @Test
  void registryRejectsDuplicateNamesAndFindsTheRuleScanners() {
    ScannerRegistry discovered = ScannerRegistry.discover();
    assertThat(discovered.find("regex")).isPresent();
    assertThat(discovered.find("hidden-text")).isPresent();
    assertThat(discovered.find("pii")).isPresent();
    ScannerProvider p = ScannerProvider.of("x", "x", Set.of(Role.USER), s -> TestScanners.fixed("x", Decision.ALLOW, 0, "ok"));
    ScannerProvider q = ScannerProvider.of("x", "y", Set.of(Role.USER), s -> TestScanners.fixed("x", Decision.ALLOW, 0, "ok"));
    assertThatThrownBy(() -> ScannerRegistry.empty().register(p).register(q))
        .hasMessageContaining("two scanner providers are named 'x'");
  }

  @Test
  void aScannerWrittenInCodeCanBeNamedInConfiguration() {
    ScannerRegistry registry = ScannerRegistry.discover()
        .register(ScannerProvider.of("my-check", "demo", Set.of(Role.USER), s -> TestScanners.blocksWord("my-check", "banana")));
    try (Firewall fw = Firewall.builder().registry(registry).config(FirewallConfig.parse("roles: {user: [my-check]}\nallow-missing-scanners: true", "t.yaml")).build()) {
      assertThat(fw.scan(Message.user("a banana")).decision()).isEqualTo(Decision.BLOCK);
    }
  }
}
