package dev.bulwark.core;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which Maven artifact brings each of Bulwark's own scanner types. The firewall uses it to tell a scanner that is
 * missing from the class path (name the artifact to add) from one that does not exist (list the valid names): a
 * preset that silently lost its model scanners would weaken the firewall without anyone noticing.
 */
final class ScannerModules {
  static final String GROUP = "dev.bulwark";

  private static final Map<String, String> ARTIFACTS = new TreeMap<>(Map.of(
      "hidden-text", "bulwark-core",
      "regex", "bulwark-core",
      "pii", "bulwark-core",
      "prompt-guard", "bulwark-promptguard",
      "code-shield", "bulwark-codeshield",
      "shell-command", "bulwark-codeshield",
      "llama-guard", "bulwark-llm",
      "alignment-check", "bulwark-llm",
      "llm-judge", "bulwark-llm"));

  private ScannerModules() {}

  /** {@code dev.bulwark:<artifact>} for one of Bulwark's scanner types; empty for any other name. */
  static Optional<String> coordinate(String type) {
    String artifact = ARTIFACTS.get(type);
    return artifact == null ? Optional.empty() : Optional.of(GROUP + ":" + artifact);
  }

  /** Every scanner type Bulwark ships, whether or not its module is on the class path. */
  static Set<String> names() {
    return ARTIFACTS.keySet();
  }
}
