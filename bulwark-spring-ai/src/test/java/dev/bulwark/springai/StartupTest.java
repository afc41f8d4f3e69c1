package dev.bulwark.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ConfigException;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * At start the auto-configuration logs the scanners per role once, and refuses to start a firewall that lost scanners
 * to a missing module unless {@code bulwark.allow-missing-scanners} says a partial one is wanted.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(BulwarkAutoConfiguration.class));

  @Test
  void logsTheScannersPerRoleOnceAtStart(CapturedOutput output) {
    String file = LocalModel.configFile();
    runner.withPropertyValues("bulwark.config=" + file).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(Firewall.class);
    });
    assertThat(output.getAll()).containsOnlyOnce("Bulwark firewall from " + file
        + ": user: hidden-text, regex, review-terms; system: none; assistant: answer-terms; tool: hidden-text, regex;"
        + " memory: hidden-text");
  }

  @Test
  void aConfigurationPackagedInTheApplicationIsReadFromTheClassPath(CapturedOutput output) {
    runner.withPropertyValues("bulwark.config=classpath:bulwark-packaged.yaml").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(Firewall.class).scanners(Role.ASSISTANT)).extracting(b -> b.name()).containsExactly("regex");
    });
    assertThat(output.getAll()).contains("Bulwark firewall from classpath:bulwark-packaged.yaml: user: hidden-text, regex;");
  }

  @Test
  void aMissingClassPathConfigurationFailsTheStartSayingWhereItBelongs() {
    runner.withPropertyValues("bulwark.config=classpath:bulwark.yaml").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConfigException.class)
          .hasMessageContaining("configuration not found on the class path: classpath:bulwark.yaml")
          .hasMessageContaining("src/main/resources/bulwark.yaml");
    });
  }

  @Test
  void aPresetWhoseModulesAreMissingFailsTheStartNamingTheArtifact() {
    // This module's test class path has bulwark-llm but neither bulwark-promptguard nor bulwark-codeshield.
    runner.withPropertyValues("bulwark.preset=chatbot").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConfigException.class)
          .hasMessageContaining("scanner 'prompt-guard' needs dev.bulwark:bulwark-promptguard on the class path");
    });
  }

  @Test
  void optingInStartsAPartialFirewallWithAWarning(CapturedOutput output) {
    runner.withPropertyValues("bulwark.preset=chatbot", "bulwark.allow-missing-scanners=true").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(Firewall.class).scanners(Role.USER)).extracting(b -> b.name())
          .containsExactly("llama-guard", "hidden-text", "regex");
    });
    assertThat(output.getAll()).contains("WARN").contains("scanner 'prompt-guard' skipped: it needs dev.bulwark:bulwark-promptguard");
  }
}
