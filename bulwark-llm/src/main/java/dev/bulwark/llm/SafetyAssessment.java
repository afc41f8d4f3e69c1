package dev.bulwark.llm;

import java.util.List;
import java.util.Map;

/**
 * A content-safety classifier's judgement of one message in its conversation.
 *
 * @param flagged whether the message is judged unsafe
 * @param score the probability that it is unsafe, 0..1 (see {@link #scoreSource})
 * @param flaggedCodes the violated category codes (S1…S14 or custom)
 * @param categoryScores a score per active category code; categories judged violated carry {@link #score}
 * @param scoreSource how {@link #score} was obtained
 * @param note what a user should know about this judgement (e.g. that the score is 0/1), or null
 */
public record SafetyAssessment(
    boolean flagged, double score, List<String> flaggedCodes, Map<String, Double> categoryScores,
    ScoreSource scoreSource, String note) {
  public SafetyAssessment {
    flaggedCodes = List.copyOf(flaggedCodes);
    categoryScores = Map.copyOf(categoryScores);
  }

  /** Where a score comes from. */
  public enum ScoreSource {
    /** Token probabilities of "unsafe" vs "safe" at the first content token, renormalised over the two. */
    TOKEN_PROBABILITIES,
    /** The backend gave no probabilities: 1.0 for an unsafe verdict, 0.0 for safe. */
    VERDICT,
    /** A classifier's own calibrated output. */
    CLASSIFIER
  }
}
