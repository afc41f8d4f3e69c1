package dev.bulwark.cli;

import dev.bulwark.core.ConfigNode;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallConfig;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScannerRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The options that choose scanners, shared by scan, batch and scan-trace. */
final class FirewallOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Firewall configuration (YAML); see docs/CONFIGURATION.md.")
  Path config;

  @Option(names = "--scanner", paramLabel = "NAME",
      description = "Run only this scanner (repeatable) instead of the role's configured scanners. See 'bulwark scanners'.")
  List<String> scanners = new ArrayList<>();

  @Option(names = "--short-circuit", description = "Run scanners cheapest first and stop at the first block.")
  boolean shortCircuit;

  FirewallConfig loadConfig() {
    FirewallConfig cfg = config == null ? FirewallConfig.defaults() : FirewallConfig.load(config);
    return shortCircuit ? cfg.withShortCircuit(true) : cfg;
  }

  /** A firewall for these roles; with {@code --scanner}, exactly those scanners for each of them. */
  Firewall build(Set<Role> roles) {
    FirewallConfig cfg = loadConfig();
    ScannerRegistry registry = ScannerRegistry.discover();
    if (!scanners.isEmpty()) {
      for (String name : scanners) {
        if (registry.find(name).isEmpty() && !cfg.scanners().containsKey(name)) {
          throw new UsageException("unknown scanner '" + name + "'; available: " + registry.names());
        }
      }
      for (Role role : roles) {
        cfg = cfg.withRole(role, scanners);
      }
    }
    return Firewall.builder().registry(registry).config(cfg).onlyRoles(roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles)).build();
  }

  static Role parseRole(String text) {
    try {
      return Role.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--role: " + e.getMessage());
    }
  }

  static ConfigNode.Location cli(String what) {
    return ConfigNode.Location.inCode(what);
  }
}
