package dev.bulwark.codeshield;

import dev.bulwark.core.Decision;
import dev.bulwark.core.Parameter;
import dev.bulwark.core.Role;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerSettings;
import dev.bulwark.codeshield.rules.RuleException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Builds {@link CodeShieldScanner}s from configuration ({@code code-shield} in the scanner list). */
public final class CodeShieldScannerProvider implements ScannerProvider {

  @Override
  public String name() {
    return CodeShieldScanner.NAME;
  }

  @Override
  public String description() {
    return "Insecure code in LLM output: CWE-tagged rules for 15 languages (regex + tree-sitter), block/warn/ignore";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        new Parameter("language", "string", null, "language of messages without a language attribute (default: fence tag or detection)"),
        new Parameter("on-error", "block|warn|ignore", "block", "treatment of error-severity issues"),
        new Parameter("on-warning", "block|warn|ignore", "warn", "treatment of warning-severity issues"),
        new Parameter("on-advice", "block|warn|ignore", "warn", "treatment of advice-severity issues"),
        new Parameter("warn-decision", "human_in_the_loop_required|allow|block", "human_in_the_loop_required", "decision for a warn treatment"),
        new Parameter("disabled-rules", "list of rule ids", "[]", "rules not to run, e.g. [python.insecure-random]"),
        new Parameter("rules-dir", "path", null, "a directory of extra rule files (*.yaml) to load beside the built-in ones"),
        new Parameter("max-chars", "integer", "16777216", "text beyond this many characters is not scanned"),
        new Parameter("max-parse-chars", "integer", "524288", "blocks larger than this get regex rules only (no syntax tree)"));
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.ASSISTANT, Role.TOOL);
  }

  @Override
  public Scanner create(ScannerSettings s) {
    TreatmentPolicy policy = new TreatmentPolicy(treatment(s, "on-error", Treatment.BLOCK),
        treatment(s, "on-warning", Treatment.WARN), treatment(s, "on-advice", Treatment.WARN));
    String language = s.getString("language", null);
    if (language != null && Language.fromName(language).isEmpty()) {
      throw s.error("language", "unknown language '" + language + "'; expected one of " + Language.allIds());
    }
    List<String> disabled = s.getStringList("disabled-rules", List.of());
    CodeShield.Builder b = CodeShield.builder().policy(policy)
        .maxInputChars(s.getInt("max-chars", 16 * 1024 * 1024, 1, Integer.MAX_VALUE))
        .maxParseChars(s.getInt("max-parse-chars", 512 * 1024, 1, Integer.MAX_VALUE))
        .ruleFilter(r -> !disabled.contains(r.id()));
    Path dir = s.getPath("rules-dir", null);
    if (dir != null) {
      b.addRuleDirectory(dir);
    }
    CodeShield shield;
    try {
      shield = b.build();
    } catch (RuleException | IllegalArgumentException | java.io.UncheckedIOException e) {
      throw s.error(dir != null ? "rules-dir" : "disabled-rules", e.getMessage());
    }
    java.util.Set<String> known = new java.util.HashSet<>();
    dev.bulwark.codeshield.rules.RuleLoader.builtIn().forEach(r -> known.add(r.id()));
    if (dir != null) {
      dev.bulwark.codeshield.rules.RuleLoader.fromDirectory(dir).forEach(r -> known.add(r.id()));
    }
    for (String id : disabled) {
      if (!known.contains(id)) {
        throw s.error("disabled-rules", "no rule with id '" + id + "'");
      }
    }
    return new CodeShieldScanner(shield, language, s.getDecision("warn-decision", Decision.HUMAN_IN_THE_LOOP_REQUIRED));
  }

  private static Treatment treatment(ScannerSettings s, String key, Treatment dflt) {
    String v = s.getString(key, null);
    if (v == null) {
      return dflt;
    }
    try {
      return Treatment.parse(v);
    } catch (IllegalArgumentException e) {
      throw s.error(key, e.getMessage());
    }
  }
}
