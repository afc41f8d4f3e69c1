package dev.bulwark.langchain4j.internal;

import dev.bulwark.core.Decision;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallResult;
import dev.bulwark.langchain4j.FirewallVerdictException;
import dev.bulwark.langchain4j.ReviewPolicy;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the input and output guardrails share: the firewall, what a human-review verdict becomes, who hears of every
 * verdict that is not allow; and the one mapping of a verdict to a LangChain4j guardrail result.
 */
public record GuardrailPolicy(Firewall firewall, ReviewPolicy reviewPolicy, Consumer<FirewallResult> listener) {
  public GuardrailPolicy {
    Objects.requireNonNull(firewall, "firewall");
    Objects.requireNonNull(reviewPolicy, "reviewPolicy");
    Objects.requireNonNull(listener, "listener");
  }

  public GuardrailPolicy withReviewPolicy(ReviewPolicy policy) {
    return new GuardrailPolicy(firewall, policy, listener);
  }

  public GuardrailPolicy withListener(Consumer<FirewallResult> newListener) {
    return new GuardrailPolicy(firewall, reviewPolicy, newListener);
  }

  /**
   * Allow → success; block → fatal; human review → as the review policy says. The cause of a fatal or failure result
   * is a {@link FirewallVerdictException} carrying the verdict. {@code what} names what was scanned, for the message.
   */
  public <R> R outcome(
      FirewallResult verdict,
      String what,
      Supplier<R> success,
      BiFunction<String, Throwable, R> failure,
      BiFunction<String, Throwable, R> fatal) {
    if (verdict.decision() == Decision.ALLOW) {
      return success.get();
    }
    listener.accept(verdict);
    String message = Verdicts.describe(what, verdict);
    FirewallVerdictException cause = new FirewallVerdictException(message, verdict);
    if (verdict.decision() == Decision.BLOCK) {
      return fatal.apply(message, cause);
    }
    return switch (reviewPolicy) {
      case FATAL -> fatal.apply(message, cause);
      case FAILURE -> failure.apply(message, cause);
      case ALLOW -> success.get();
    };
  }
}
