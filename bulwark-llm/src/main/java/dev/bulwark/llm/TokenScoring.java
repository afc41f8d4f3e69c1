package dev.bulwark.llm;

import java.time.Duration;
import java.util.List;

/**
 * Compares candidate next tokens after a raw prompt: the probabilities of the candidates' first tokens, renormalised
 * over the candidates (e.g. P(unsafe) / (P(safe) + P(unsafe)) for Llama Guard). In-process backends provide it.
 */
public interface TokenScoring {

  /**
   * @param prompt a raw prompt, used token for token
   * @param candidates the texts whose first tokens are compared
   * @param timeout how long the call may take
   * @return one probability per candidate, in order, summing to 1
   * @throws LlmException when the model fails or the deadline passes
   */
  double[] candidateProbabilities(String prompt, List<String> candidates, Duration timeout);
}
