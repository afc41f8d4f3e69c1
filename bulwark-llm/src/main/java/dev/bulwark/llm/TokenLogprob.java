package dev.bulwark.llm;

import java.util.List;

/**
 * The log probability of one generated token, with the most likely alternatives at that position (OpenAI's
 * {@code logprobs.content[]} entry).
 */
public record TokenLogprob(String token, double logprob, List<Alternative> top) {
  public TokenLogprob {
    top = top == null ? List.of() : List.copyOf(top);
  }

  public record Alternative(String token, double logprob) {}

  /** The probability of {@code token} at this position among the listed alternatives, or empty when not listed. */
  public java.util.OptionalDouble probabilityOf(String candidate) {
    for (Alternative a : top) {
      if (a.token().equals(candidate)) {
        return java.util.OptionalDouble.of(Math.exp(a.logprob()));
      }
    }
    if (token.equals(candidate)) {
      return java.util.OptionalDouble.of(Math.exp(logprob));
    }
    return java.util.OptionalDouble.empty();
  }
}
