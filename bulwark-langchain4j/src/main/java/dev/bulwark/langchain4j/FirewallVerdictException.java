package dev.bulwark.langchain4j;

import dev.bulwark.core.FirewallResult;

/**
 * The cause of a Bulwark guardrail's failure: carries the firewall's verdict, so code that catches LangChain4j's
 * {@code InputGuardrailException} or {@code OutputGuardrailException} can read decision, score and findings from
 * {@code getCause()}.
 */
public final class FirewallVerdictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient FirewallResult result;

  public FirewallVerdictException(String message, FirewallResult result) {
    super(message, null, false, false);
    this.result = result;
  }

  public FirewallResult result() {
    return result;
  }
}
