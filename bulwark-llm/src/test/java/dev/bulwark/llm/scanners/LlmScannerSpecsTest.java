package dev.bulwark.llm.scanners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigException;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScannerSettings;
import dev.bulwark.llm.EmbeddedSafetyClassifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The LLM scanners' specs: one declaration serves both Llama Guard variants, and settings are read through it. */
class LlmScannerSpecsTest {

  /** The spec's defaults are the backend's; the embedded classifier's own defaults must say the same. */
  @Test
  void theEmbeddedClassifiersDefaultsAreTheDeclaredOnes() {
    EmbeddedSafetyClassifier.Options embedded = EmbeddedSafetyClassifier.Options.defaults();
    assertThat(LlamaGuardSpec.THRESHOLD.defaultValue()).contains(embedded.threshold());
    assertThat(LlamaGuardSpec.MAX_WINDOWS.defaultValue()).contains(embedded.maxEncodedChunks());
    assertThat(LlamaGuardSpec.THREADS.defaultValue()).contains(embedded.threads());
  }

  @Test
  void aLlmJudgeReadsItsRolesAndDecisionThroughTheSpec() {
    ScannerSettings given = ScannerSettings.of("llm-judge", Map.of("roles", List.of("tool"), "decision", "allow"));
    assertThat(given.find(LlmJudgeSpec.ROLES)).contains(List.of(Role.TOOL));
    assertThat(ScannerSettings.empty("llm-judge").find(LlmJudgeSpec.ROLES)).isEmpty();
    assertThat(LlmJudgeSpec.ROLES.defaultText()).contains("user, assistant, tool");
    assertThatThrownBy(() -> given.get(LlmJudgeSpec.DECISION)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("scanners.llm-judge.decision: expected one of block, human_in_the_loop_required, got allow");
    assertThat(ScannerSettings.empty("alignment-check").get(AlignmentCheckSpec.DECISION))
        .isEqualTo(Decision.HUMAN_IN_THE_LOOP_REQUIRED);
  }

  @Test
  void anUnknownLlamaGuardVersionNamesTheSetting() {
    assertThatThrownBy(() -> ScannerSettings.of("llama-guard", Map.of("version", "5")).get(LlamaGuardSpec.VERSION))
        .isInstanceOf(ConfigException.class).hasMessageContaining("scanners.llama-guard.version:");
    assertThat(LlamaGuardSpec.VERSION.defaultText()).contains("3-8b");
  }
}
