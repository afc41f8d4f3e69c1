package dev.bulwark.promptguard.embedded;

import dev.bulwark.promptguard.EmbeddedHead;
import dev.bulwark.promptguard.EmbeddedPromptGuard;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cascade's score rule, which training simulates and inference applies: it must be the same function. */
class CascadeScoreTest {
  private static final EmbeddedHead HEAD = new EmbeddedHead(null, null, null, null, null, null, 0.3, 0.7, 200, 0.5, Map.of(), null);

  @Test
  void aShortTextIsNeverDecidedByTheLexicalStageAlone() {
    // The lexical stage is sure of an attack, the encoder stack says benign: a short text gets the stack's score.
    assertThat(EmbeddedPromptGuard.cascadeScore(0.99, 0.02, 16, HEAD, true)).isEqualTo(0.02);
    // And the other way round: no clamping into the band either.
    assertThat(EmbeddedPromptGuard.cascadeScore(0.01, 0.95, 16, HEAD, true)).isEqualTo(0.95);
  }

  @Test
  void aLongTextOutsideTheBandKeepsItsLexicalScoreAndInsideItIsClampedToTheBand() {
    assertThat(EmbeddedPromptGuard.cascadeScore(0.99, 0.02, 500, HEAD, true)).isEqualTo(0.99);
    assertThat(EmbeddedPromptGuard.cascadeScore(0.5, 0.95, 500, HEAD, true)).isEqualTo(0.7);
    assertThat(EmbeddedPromptGuard.cascadeScore(0.5, 0.05, 500, HEAD, true)).isEqualTo(0.3);
  }

  @Test
  void withoutTheCascadeTheStackDecidesEveryText() {
    assertThat(EmbeddedPromptGuard.cascadeScore(0.99, 0.02, 500, HEAD, false)).isEqualTo(0.02);
  }
}
