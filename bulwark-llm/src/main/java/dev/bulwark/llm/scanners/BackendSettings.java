package dev.bulwark.llm.scanners;

import dev.bulwark.core.ConfigException;
import dev.bulwark.core.ScannerSettings;
import dev.bulwark.core.Setting;
import dev.bulwark.llm.LlmBackend;
import dev.bulwark.llm.LlmBackends;
import java.time.Duration;
import java.util.Optional;

/** The {@code backend} and {@code timeout} settings every LLM scanner shares. */
final class BackendSettings {
  private BackendSettings() {}

  /** The {@code backend} setting; {@code role} says what the backend does for this scanner. */
  static Setting<String> backend(String role) {
    return Setting.parsed("backend", "backend name", name -> name, "the LLM backend (a key of 'backends:') " + role);
  }

  /** The {@code timeout} setting; {@code what} names one call ("check", "audit"). */
  static Setting<Duration> timeout(String what) {
    return Setting.duration("timeout", "the longest one " + what + " may take").defaultDescribed("90% of the scanner's deadline");
  }

  static Optional<LlmBackends.Spec> spec(ScannerSettings settings) {
    return LlmBackends.resolve(settings);
  }

  static LlmBackend open(ScannerSettings settings, String missing) {
    LlmBackends.Spec spec = spec(settings).orElseThrow(() -> new ConfigException(settings.location("backend"),
        "scanners." + settings.instanceName() + ": " + missing));
    return LlmBackends.open(spec);
  }

  /**
   * The per-call timeout: the {@code timeout} setting, else 90% of the firewall's deadline for this scanner, so the
   * backend call ends (and frees the model) before the firewall stops waiting.
   */
  static Duration timeout(ScannerSettings settings, Setting<Duration> timeout) {
    Duration deadline = LlmBackends.scannerDeadline(settings);
    Duration d = settings.find(timeout).orElse(deadline.multipliedBy(9).dividedBy(10));
    if (d.isZero() || d.isNegative()) {
      throw settings.error(timeout, "expected a positive duration");
    }
    return d;
  }
}
