package dev.bulwark.langchain4j;

/**
 * What a guardrail does with a {@code human_in_the_loop_required} verdict. LangChain4j has no "review" outcome, so
 * the application chooses. {@code block} is always a fatal failure.
 */
public enum ReviewPolicy {
  /** Stop at once, like a block: {@code fatal}, the call throws. */
  FATAL,
  /**
   * Refuse, but let the other guardrails run so every problem is reported together: {@code failure}; the call then
   * throws. The default.
   */
  FAILURE,
  /**
   * Let the message through ({@code success}) and hand the verdict to the guardrail's listener, e.g. to queue it for
   * a human: the "success with a warning" LangChain4j has no result type for.
   */
  ALLOW
}
