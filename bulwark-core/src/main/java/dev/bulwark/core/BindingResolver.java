package dev.bulwark.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the scanner names of a configuration or preset into {@link ScannerBinding}s: looks the type up in the
 * registry, validates the settings against the provider's spec, builds each instance once (shared by every role
 * that names it), and applies failure modes and deadlines.
 */
final class BindingResolver {
  private final FirewallConfig cfg;
  private final ScannerRegistry reg;
  private final Map<String, Scanner> instances;
  private final Duration defaultDeadline;
  private final List<String> notes;
  private final boolean allowMissing;

  BindingResolver(FirewallConfig cfg, ScannerRegistry reg, Map<String, Scanner> instances, Duration defaultDeadline,
      List<String> notes, boolean allowMissing) {
    this.cfg = cfg;
    this.allowMissing = allowMissing;
    this.reg = reg;
    this.instances = instances;
    this.defaultDeadline = defaultDeadline;
    this.notes = notes;
  }

  /**
   * The binding for scanner {@code name} named at {@code where}. A scanner whose module is not on the class path
   * fails the build with the artifact to add, unless missing scanners are allowed (then: empty, with a note). A preset
   * scanner that cannot run without more configuration is skipped with a note; one named explicitly must start.
   */
  Optional<ScannerBinding> bind(String name, ConfigNode.Location where, boolean fromPreset) {
    FirewallConfig.ScannerInstance spec = cfg.scanners().get(name);
    String type = spec != null ? spec.type() : name;
    var provider = reg.find(type);
    if (provider.isEmpty()) {
      ConfigNode.Location at = spec != null ? spec.location() : where;
      String label = type.equals(name) ? "'" + name + "'" : "'" + name + "' (type " + type + ")";
      var coordinate = ScannerModules.coordinate(type);
      if (coordinate.isEmpty()) {
        java.util.Set<String> valid = new java.util.TreeSet<>(ScannerModules.names());
        reg.all().forEach(p -> valid.add(p.name()));
        if (spec == null) {
          valid.addAll(cfg.scanners().keySet());  // instances the file defines are names a role may use too
        }
        throw new ConfigException(at, "unknown scanner " + label + Suggestions.didYouMean(type, valid)
            + "; valid names: " + String.join(", ", valid));
      }
      if (allowMissing) {
        notes.add("scanner " + label + " skipped: it needs " + coordinate.get()
            + " on the class path (allow-missing-scanners is on)");
        return Optional.empty();
      }
      throw new ConfigException(at, "scanner " + label + " needs " + coordinate.get() + " on the class path: add that"
          + " dependency (or dev.bulwark:bulwark-all for every scanner), or set allow-missing-scanners: true to run"
          + " without it");
    }
    ConfigNode.Mapping params = spec != null ? spec.params() : ConfigNode.Mapping.empty(where);
    ScannerSettings settings = new ScannerSettings(name, type, params, cfg);
    provider.get().spec().validate(settings);
    var unavailable = provider.get().unavailableReason(settings);
    if (unavailable.isPresent()) {
      if (fromPreset) {
        notes.add("scanner '" + name + "' skipped: " + unavailable.get());
        return Optional.empty();
      }
      throw new ConfigException(where, "scanner '" + name + "' cannot run: " + unavailable.get());
    }
    Scanner scanner = instances.get(name);
    if (scanner == null) {
      try {
        scanner = provider.get().create(settings);
      } catch (ConfigException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new ConfigException("scanner '" + name + "' could not start: " + e.getMessage(), e);
      }
      instances.put(name, scanner);
    }
    FailureMode mode = spec != null && spec.failureMode() != null ? spec.failureMode() : scanner.defaultFailureMode();
    Duration dl = spec != null && spec.deadline() != null ? spec.deadline() : defaultDeadline;
    return Optional.of(new ScannerBinding(name, scanner, mode, dl));
  }
}
