package dev.bulwark.eval.run;

import java.time.Duration;

/**
 * How answers are generated. CyberSecEval's defaults for the models under test are temperature 0.6, top-p 0.9 and up
 * to 4,096 tokens; judges run at temperature 0 so a rerun judges alike.
 *
 * @param timeout the longest one call may take, retries on 429/5xx included
 * @param maxRetries retries on 429, 5xx and refused connections, with exponential backoff (Retry-After honoured)
 */
public record Generation(int maxTokens, double temperature, double topP, Duration timeout, int maxRetries) {
  public Generation {
    if (maxTokens < 1) {
      throw new IllegalArgumentException("max tokens must be positive, got " + maxTokens);
    }
    if (temperature < 0 || temperature > 2) {
      throw new IllegalArgumentException("temperature must be from 0 to 2, got " + temperature);
    }
    if (topP <= 0 || topP > 1) {
      throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
    }
  }
}
