package dev.bulwark.core;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Named starting points for which scanners guard which role. A preset only names scanners: one whose module is not on
 * the class path fails the build with the artifact to add (unless allow-missing-scanners is on), and one that cannot
 * run without more configuration (alignment-check without an LLM backend) is skipped with a note in
 * {@link Firewall#notes()}, logged at WARN.
 */
public final class Presets {
  /** The preset used when configuration names none: LlamaFirewall's defaults plus the rule scanners. */
  public static final String DEFAULT = "default";

  private static final Map<String, Map<Role, List<String>>> PRESETS = Map.of(
      DEFAULT, roles(
          List.of("prompt-guard", "hidden-text", "regex"),
          List.of(),
          List.of("code-shield"),
          List.of("code-shield", "prompt-guard", "hidden-text"),
          List.of("hidden-text")),
      "chatbot", roles(
          List.of("prompt-guard", "llama-guard", "hidden-text", "regex"),
          List.of("prompt-guard"),
          List.of("llama-guard", "pii"),
          List.of(),
          List.of()),
      "coding-assistant", roles(
          List.of("prompt-guard", "hidden-text"),
          List.of(),
          List.of("code-shield", "regex"),
          List.of("code-shield", "prompt-guard", "hidden-text"),
          List.of()),
      "agent", roles(
          List.of("prompt-guard", "hidden-text", "regex"),
          List.of(),
          List.of("shell-command", "code-shield", "alignment-check"),
          List.of("prompt-guard", "hidden-text", "code-shield"),
          List.of("prompt-guard", "hidden-text")));

  private Presets() {}

  private static Map<Role, List<String>> roles(
      List<String> user, List<String> system, List<String> assistant, List<String> tool, List<String> memory) {
    Map<Role, List<String>> m = new EnumMap<>(Role.class);
    m.put(Role.USER, user);
    m.put(Role.SYSTEM, system);
    m.put(Role.ASSISTANT, assistant);
    m.put(Role.TOOL, tool);
    m.put(Role.MEMORY, memory);
    return m;
  }

  public static Set<String> names() {
    return new TreeSet<>(PRESETS.keySet());
  }

  public static boolean exists(String name) {
    return PRESETS.containsKey(name);
  }

  /** The scanner names per role of a preset. */
  public static Map<Role, List<String>> get(String name) {
    Map<Role, List<String>> preset = PRESETS.get(name);
    if (preset == null) {
      throw new IllegalArgumentException("unknown preset '" + name + "'" + Suggestions.didYouMean(name, names())
          + "; expected one of " + String.join(", ", names()));
    }
    return preset;
  }
}
