package dev.bulwark.core;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a scanner type is, declared once: the scanner reports its roles, cost and failure mode from here, its provider
 * reads its settings through the {@link Setting} constants listed here, configuration validation rejects keys not
 * listed here, and {@code bulwark scanners} (hence docs/SCANNERS.md) prints it.
 *
 * <p>How a scanner reads a streamed answer stays on {@link Scanner#streamMode()}: it depends on the built instance
 * (the longest rule it loaded), not on the type.
 *
 * @param name the type name configuration and results use, e.g. {@code regex}
 * @param description one line for {@code bulwark scanners}
 * @param roles the roles presets bind it to
 * @param cost where the firewall runs it with its default settings (settings may change it: an ONNX export instead
 *     of the embedded model, an LLM backend instead of the embedded classifier)
 * @param failureMode what a failure means when configuration does not say
 * @param settings the settings it accepts, in the order the docs list them
 */
public record ScannerSpec(String name, String description, Set<Role> roles, Cost cost, FailureMode failureMode,
    List<Setting<?>> settings) {

  /** Keys every scanner takes, which the firewall reads itself. */
  public static final List<String> COMMON_KEYS = List.of("type", "failure-mode", "deadline");

  public ScannerSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(failureMode, "failureMode");
    EnumSet<Role> ordered = EnumSet.noneOf(Role.class);
    ordered.addAll(roles);
    roles = Collections.unmodifiableSet(ordered);
    settings = List.copyOf(settings);
    Set<String> seen = new TreeSet<>();
    for (Setting<?> s : settings) {
      if (!seen.add(s.name())) {
        throw new IllegalArgumentException(name + ": setting '" + s.name() + "' is declared twice");
      }
      if (COMMON_KEYS.contains(s.name())) {
        throw new IllegalArgumentException(name + ": '" + s.name() + "' is a key every scanner takes; it cannot be a setting");
      }
    }
  }

  /** The declared setting with this key. */
  public Optional<Setting<?>> setting(String key) {
    return settings.stream().filter(s -> s.name().equals(key)).findFirst();
  }

  /** The declared keys, sorted. */
  public Set<String> settingNames() {
    Set<String> out = new TreeSet<>();
    settings.forEach(s -> out.add(s.name()));
    return out;
  }

  /**
   * Checks every key of a configured instance: unknown keys are refused with the nearest declared one, and each
   * declared setting that is given is read once, so a bad value is refused (with its file, line, bound and value)
   * before anything is built, even when the settings given make the scanner ignore it.
   *
   * @throws ConfigException for the first bad key or value
   */
  public void validate(ScannerSettings given) {
    Set<String> known = settingNames();
    for (String key : given.params().entries().keySet()) {
      if (!known.contains(key)) {
        throw new ConfigException(given.params().keyLocation(key), "scanners." + given.instanceName()
            + ": unknown setting '" + key + "'" + Suggestions.didYouMean(key, known)
            + (known.isEmpty() ? "; " + name + " takes no settings besides " + String.join(", ", COMMON_KEYS)
                : "; " + name + " accepts " + String.join(", ", known) + ", " + String.join(", ", COMMON_KEYS)));
      }
    }
    for (Setting<?> s : settings) {
      given.find(s);
    }
  }
}
