package dev.bulwark.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The OpenAI category mapping: complete, consistent with itself, and printed in docs/HTTP-API.md as it is in code. */
class OpenAiModerationCategoriesTest {
  private static final List<String> ALL_CODES =
      List.of("S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10", "S11", "S12", "S13", "S14");

  @Test
  void everyHazardCodeIsEitherMappedOrListedAsUnmapped() {
    Set<String> seen = new HashSet<>(OpenAiModerationCategories.BY_CODE.keySet());
    seen.addAll(OpenAiModerationCategories.UNMAPPED_CODES);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(ALL_CODES);
    assertThat(OpenAiModerationCategories.BY_CODE.keySet()).doesNotContainAnyElementsOf(OpenAiModerationCategories.UNMAPPED_CODES);
    OpenAiModerationCategories.BY_CODE.values().forEach(keys -> assertThat(OpenAiModerationCategories.KEYS).containsAll(keys));
  }

  @Test
  void flaggedAndScoresAgreeByConstructionForEveryCodeAndScore() {
    for (String code : ALL_CODES) {
      for (double score : new double[] {0.51, 0.85, 1.0}) {
        Map<String, Double> codeScores = new java.util.HashMap<>(Map.of("S2", score * 0.2));
        codeScores.put(code, score * 0.31);
        var r = new ModerationResponse.Result(true, List.of(code), codeScores, score,
            SafetyAssessment.ScoreSource.CLASSIFIER, List.of("text"));
        Map<String, Boolean> cats = r.openAiCategories();
        Map<String, Double> scores = r.openAiCategoryScores();
        assertThat(cats.keySet()).containsExactlyElementsOf(OpenAiModerationCategories.KEYS);
        assertThat(scores.keySet()).containsExactlyElementsOf(OpenAiModerationCategories.KEYS);
        assertThat(r.openAiFlagged()).isEqualTo(cats.containsValue(true));
        assertThat(r.openAiFlagged()).isEqualTo(!OpenAiModerationCategories.UNMAPPED_CODES.contains(code));
        cats.forEach((k, f) -> {
          if (f) {
            assertThat(scores.get(k)).as(code + " " + k).isEqualTo(score);
          } else {
            assertThat(scores.get(k)).as(code + " " + k).isLessThan(score);
          }
        });
        OpenAiModerationCategories.UNJUDGED.forEach(k -> assertThat(scores.get(k)).isZero());
        assertThat(r.unmappedCodes()).isEqualTo(OpenAiModerationCategories.UNMAPPED_CODES.contains(code) ? List.of(code) : List.of());
      }
    }
  }

  @Test
  void aSafeItemFlagsNothingAndScoresBelowItsScore() {
    var r = new ModerationResponse.Result(false, List.of(), Map.of("S1", 0.2, "S10", 0.1), 0.3,
        SafetyAssessment.ScoreSource.CLASSIFIER, List.of("text"));
    assertThat(r.openAiFlagged()).isFalse();
    assertThat(r.openAiCategoryScores().get("violence")).isEqualTo(0.2);
    assertThat(r.openAiCategoryScores().get("hate")).isEqualTo(0.1);
  }

  @Test
  void theDocsPrintTheMapping() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "HTTP-API.md"));
    for (var e : OpenAiModerationCategories.BY_CODE.entrySet()) {
      assertThat(doc).contains("| `" + e.getKey() + "` | " + String.join(", ", e.getValue().stream().map(k -> "`" + k + "`").toList()) + " |");
    }
    assertThat(doc).contains("no counterpart, always `false` / 0: "
        + String.join(", ", OpenAiModerationCategories.UNJUDGED.stream().map(k -> "`" + k + "`").toList()));
    assertThat(doc).contains("no OpenAI counterpart: "
        + String.join(", ", OpenAiModerationCategories.UNMAPPED_CODES.stream().map(k -> "`" + k + "`").toList()));
  }
}
