package dev.bulwark.core.regex;

import dev.bulwark.core.ConfigException;
import dev.bulwark.core.Decision;
import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerSettings;
import dev.bulwark.core.ScannerSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds {@code regex} scanners from configuration. */
public final class RegexScannerProvider implements ScannerProvider {
  @Override
  public ScannerSpec spec() {
    return RegexSpec.SPEC;
  }

  @Override
  public RegexScanner create(ScannerSettings settings) {
    List<RegexRule> rules = new ArrayList<>();
    Set<String> disabled = new HashSet<>(settings.get(RegexSpec.DISABLE));
    Map<String, Decision> decisions = settings.find(RegexSpec.DECISIONS).orElse(Map.of());
    if (settings.get(RegexSpec.DEFAULTS)) {
      Set<String> known = new HashSet<>();
      for (RegexRule r : RegexRules.defaults()) {
        known.add(r.id());
        if (!disabled.contains(r.id())) {
          rules.add(decisions.containsKey(r.id()) ? r.withDecision(decisions.get(r.id())) : r);
        }
      }
      for (String id : disabled) {
        if (!known.contains(id)) {
          throw settings.error(RegexSpec.DISABLE, "no shipped rule is named '" + id + "'");
        }
      }
      for (String id : decisions.keySet()) {
        if (!known.contains(id)) {
          throw settings.error(RegexSpec.DECISIONS, "no shipped rule is named '" + id + "'");
        }
      }
    }
    settings.find(RegexSpec.PATTERNS).ifPresent(n -> rules.addAll(
        RegexRules.parseList(n, "scanners." + settings.instanceName() + "." + RegexSpec.PATTERNS.name(), true)));
    if (rules.isEmpty()) {
      throw new ConfigException(settings.params().location(), "scanners." + settings.instanceName()
          + ": no rules to run (defaults are off and no patterns are given)");
    }
    return new RegexScanner(settings.instanceName(), rules, settings.get(RegexSpec.NORMALIZE),
        settings.get(RegexSpec.MAX_FINDINGS));
  }
}
