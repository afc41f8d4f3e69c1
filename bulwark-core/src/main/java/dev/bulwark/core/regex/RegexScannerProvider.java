package dev.bulwark.core.regex;

import dev.bulwark.core.ConfigException;
import dev.bulwark.core.ConfigNode;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Parameter;
import dev.bulwark.core.Role;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerSettings;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds {@code regex} scanners from configuration. */
public final class RegexScannerProvider implements ScannerProvider {
  @Override
  public String name() {
    return RegexScanner.NAME;
  }

  @Override
  public String description() {
    return "Named regular expressions (RE2, linear time): injection phrasings and secrets by default, plus your own.";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        new Parameter("defaults", "boolean", "true", "include the shipped injection and secret rules"),
        new Parameter("patterns", "list of patterns", null,
            "your rules: {name, pattern, decision?, category?, message?, case-sensitive?, anchors?, not-preceded-by?}"),
        new Parameter("disable", "list of rule ids", null, "shipped rules to turn off"),
        new Parameter("decisions", "map id -> decision", null, "change what a shipped rule decides"),
        new Parameter("normalize", "boolean", "true", "match on text with invisible characters dropped and look-alikes folded"),
        new Parameter("max-findings", "integer", "10", "findings reported per rule"));
  }

  @Override
  public Set<Role> roles() {
    return EnumSet.allOf(Role.class);
  }

  @Override
  public Scanner create(ScannerSettings settings) {
    List<RegexRule> rules = new ArrayList<>();
    Set<String> disabled = new HashSet<>(settings.getStringList("disable", List.of()));
    Map<String, Decision> decisions = decisions(settings);
    if (settings.getBoolean("defaults", true)) {
      Set<String> known = new HashSet<>();
      for (RegexRule r : RegexRules.defaults()) {
        known.add(r.id());
        if (!disabled.contains(r.id())) {
          rules.add(decisions.containsKey(r.id()) ? r.withDecision(decisions.get(r.id())) : r);
        }
      }
      for (String id : disabled) {
        if (!known.contains(id)) {
          throw settings.error("disable", "no shipped rule is named '" + id + "'");
        }
      }
      for (String id : decisions.keySet()) {
        if (!known.contains(id)) {
          throw settings.error("decisions", "no shipped rule is named '" + id + "'");
        }
      }
    }
    settings.node("patterns").ifPresent(n -> rules.addAll(RegexRules.parseList(n, "scanners." + settings.instanceName() + ".patterns", true)));
    if (rules.isEmpty()) {
      throw new ConfigException(settings.params().location(), "scanners." + settings.instanceName()
          + ": no rules to run (defaults are off and no patterns are given)");
    }
    return new RegexScanner(settings.instanceName(), rules, settings.getBoolean("normalize", true),
        settings.getInt("max-findings", 10, 1, 1000));
  }

  private static Map<String, Decision> decisions(ScannerSettings settings) {
    Map<String, Decision> out = new java.util.HashMap<>();
    var node = settings.node("decisions");
    if (node.isEmpty()) {
      return out;
    }
    if (!(node.get() instanceof ConfigNode.Mapping m)) {
      throw settings.error("decisions", "expected a mapping from rule id to decision");
    }
    for (var e : m.entries().entrySet()) {
      try {
        out.put(e.getKey(), Decision.parse(((ConfigNode.Scalar) e.getValue()).value()));
      } catch (RuntimeException ex) {
        throw new ConfigException(e.getValue().location(), "scanners." + settings.instanceName() + ".decisions." + e.getKey()
            + ": expected allow, human_in_the_loop_required or block");
      }
    }
    return out;
  }
}
