package dev.bulwark.llm;

import java.util.List;
import java.util.Map;

/** The answer to a {@link ModerationRequest}: one result per item, in order. */
public record ModerationResponse(ModerationRequest.Shape shape, String id, String model, List<Result> results) {
  public ModerationResponse {
    results = List.copyOf(results);
  }

  /**
   * @param flagged whether the item is judged unsafe
   * @param categories per category key ({@code violent_crimes}, …): flagged or not
   * @param categoryScores per category key: the unsafe score of flagged categories, 0 for the others
   * @param flaggedCodes the violated codes ({@code S1}, …)
   * @param flaggedKeys the violated category keys
   * @param score the item's unsafe probability
   * @param scoreSource how the score was obtained
   */
  public record Result(boolean flagged, Map<String, Boolean> categories, Map<String, Double> categoryScores,
      List<String> flaggedCodes, List<String> flaggedKeys, double score, SafetyAssessment.ScoreSource scoreSource) {}
}
