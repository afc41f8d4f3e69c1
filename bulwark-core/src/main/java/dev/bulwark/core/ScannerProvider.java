package dev.bulwark.core;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds scanners of one type from configuration. Modules list their providers in
 * {@code META-INF/services/dev.bulwark.core.ScannerProvider}; {@link ScannerRegistry#discover()} finds them.
 */
public interface ScannerProvider {

  /**
   * The scanner type's declaration: name, description, roles, cost, failure mode and settings. Configuration with
   * keys it does not declare is rejected, and every declared setting given is validated before {@link #create}.
   */
  ScannerSpec spec();

  /** The type name configuration uses, e.g. {@code regex}: the spec's name. */
  default String name() {
    return spec().name();
  }

  /**
   * Builds a scanner. Called once per configured instance; the scanner is then reused for every message.
   *
   * @throws ConfigException when a setting is invalid, naming the setting and its location
   */
  Scanner create(ScannerSettings settings);

  /**
   * Why this scanner cannot run with these settings (e.g. "needs an LLM backend"), or empty when it can. Presets skip
   * unavailable scanners with a note; naming one explicitly is an error carrying this reason.
   */
  default Optional<String> unavailableReason(ScannerSettings settings) {
    return Optional.empty();
  }

  /** A provider for a scanner written in code, so configuration files can refer to it by name. */
  static ScannerProvider of(ScannerSpec spec, Function<ScannerSettings, Scanner> factory) {
    return new ScannerProvider() {
      @Override
      public ScannerSpec spec() {
        return spec;
      }

      @Override
      public Scanner create(ScannerSettings settings) {
        return factory.apply(settings);
      }
    };
  }

  /** A provider for a scanner written in code that takes no settings (cost moderate, failure mode open). */
  static ScannerProvider of(String name, String description, Set<Role> roles, Function<ScannerSettings, Scanner> factory) {
    return of(new ScannerSpec(name, description, roles, Cost.MODERATE, FailureMode.OPEN, List.of()), factory);
  }
}
