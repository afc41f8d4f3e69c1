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

  /** The type name configuration uses, e.g. {@code regex}. */
  String name();

  /** One line for {@code bulwark scanners}. */
  String description();

  /** The settings {@link #create} understands; configuration with other keys is rejected. */
  List<Parameter> parameters();

  /** Roles the scanner is meant for. */
  Set<Role> roles();

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
  static ScannerProvider of(String name, String description, Set<Role> roles, Function<ScannerSettings, Scanner> factory) {
    return new ScannerProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public List<Parameter> parameters() {
        return List.of();
      }

      @Override
      public Set<Role> roles() {
        return roles;
      }

      @Override
      public Scanner create(ScannerSettings settings) {
        return factory.apply(settings);
      }
    };
  }
}
