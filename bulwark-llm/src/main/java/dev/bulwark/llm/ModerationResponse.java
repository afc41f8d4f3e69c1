package dev.bulwark.llm;

import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link ModerationRequest}: one result per item, in order.
 *
 * @param model the model that judged the items (OpenAI shape), or the model the caller named (Llama API shape)
 */
public record ModerationResponse(ModerationRequest.Shape shape, String id, String model, List<Result> results) {
  public ModerationResponse {
    results = List.copyOf(results);
  }

  /**
   * One item's judgement, in hazard codes; the OpenAI view ({@link #openAiCategories()} ...) is derived from it, so the
   * two can never disagree.
   *
   * @param flagged whether the classifier judged the item unsafe (any hazard code, mapped to OpenAI's or not)
   * @param flaggedCodes the violated hazard codes ({@code S1}, …)
   * @param codeScores a score per hazard code the classifier scores
   * @param score the item's unsafe probability
   * @param scoreSource how the score was obtained
   * @param inputTypes what the model read of the item: {@code text}, and {@code image} when it read images
   */
  public record Result(boolean flagged, List<String> flaggedCodes, Map<String, Double> codeScores, double score,
      SafetyAssessment.ScoreSource scoreSource, List<String> inputTypes) {
    public Result {
      flaggedCodes = List.copyOf(flaggedCodes);
      codeScores = Map.copyOf(codeScores);
      inputTypes = List.copyOf(inputTypes);
    }

    /** OpenAI's {@code flagged}: true exactly when some OpenAI category is. */
    public boolean openAiFlagged() {
      return openAiCategories().containsValue(true);
    }

    /** Every OpenAI category key, flagged or not ({@link OpenAiModerationCategories}). */
    public Map<String, Boolean> openAiCategories() {
      return OpenAiModerationCategories.categories(flaggedCodes);
    }

    public Map<String, Double> openAiCategoryScores() {
      return OpenAiModerationCategories.scores(flaggedCodes, codeScores, score);
    }

    /** Violated hazard codes that no OpenAI category shows (S5, S6, S7, S8, S13, custom codes). */
    public List<String> unmappedCodes() {
      return OpenAiModerationCategories.unmapped(flaggedCodes);
    }
  }
}
