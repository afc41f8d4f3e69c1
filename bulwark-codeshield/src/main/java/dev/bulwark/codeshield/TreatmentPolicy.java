package dev.bulwark.codeshield;

import dev.bulwark.core.Severity;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Maps an issue's severity to a treatment; the result's treatment is the strictest over its issues. The default
 * blocks errors and warns on warnings and advice (Code Shield's intent, which its implementation rarely reached).
 */
public record TreatmentPolicy(Treatment onError, Treatment onWarning, Treatment onAdvice) {

  public static final TreatmentPolicy DEFAULT = new TreatmentPolicy(Treatment.BLOCK, Treatment.WARN, Treatment.WARN);

  public TreatmentPolicy {
    Objects.requireNonNull(onError, "onError");
    Objects.requireNonNull(onWarning, "onWarning");
    Objects.requireNonNull(onAdvice, "onAdvice");
  }

  public Treatment treatmentOf(Severity severity) {
    return switch (severity) {
      case ERROR -> onError;
      case WARNING -> onWarning;
      case ADVICE -> onAdvice;
    };
  }

  /** The policy as a severity → treatment map, e.g. for documentation or JSON. */
  public Map<Severity, Treatment> asMap() {
    Map<Severity, Treatment> m = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      m.put(s, treatmentOf(s));
    }
    return m;
  }
}
