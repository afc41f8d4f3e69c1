package dev.bulwark.codeshield;

import dev.bulwark.core.Cost;
import dev.bulwark.core.Decision;
import dev.bulwark.core.FailureMode;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScannerSpec;
import dev.bulwark.core.Setting;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The {@code code-shield} scanner type; its defaults are {@link CodeShield}'s own. */
final class CodeShieldSpec {
  private CodeShieldSpec() {}

  static final Setting<String> LANGUAGE = Setting.text("language",
      "language of messages without a language attribute (default: fence tag or detection)");
  static final Setting<Treatment> ON_ERROR = treatment("on-error", "error", TreatmentPolicy.DEFAULT.onError());
  static final Setting<Treatment> ON_WARNING = treatment("on-warning", "warning", TreatmentPolicy.DEFAULT.onWarning());
  static final Setting<Treatment> ON_ADVICE = treatment("on-advice", "advice", TreatmentPolicy.DEFAULT.onAdvice());
  static final Setting<Decision> WARN_DECISION = Setting.decision("warn-decision", "decision for a warn treatment")
      .byDefault(Decision.HUMAN_IN_THE_LOOP_REQUIRED);
  static final Setting<List<String>> DISABLED_RULES = Setting.list("disabled-rules", "list of rule ids",
      "rules not to run, e.g. [python.insecure-random]").byDefault(List.of());
  static final Setting<Path> RULES_DIR = Setting.path("rules-dir",
      "a directory of extra rule files (*.yaml) to load beside the built-in ones");
  static final Setting<Integer> MAX_CHARS = Setting.integer("max-chars", 1, Integer.MAX_VALUE,
      "text beyond this many characters is not scanned").byDefault(CodeShield.DEFAULT_MAX_INPUT_CHARS);
  static final Setting<Integer> MAX_PARSE_CHARS = Setting.integer("max-parse-chars", 1, Integer.MAX_VALUE,
      "blocks larger than this get regex rules only (no syntax tree)").byDefault(CodeShield.DEFAULT_MAX_PARSE_CHARS);

  /** Bounded per rule and per parse, but a parse of a large block can take tens of milliseconds: not inline-cheap. */
  static final ScannerSpec SPEC = new ScannerSpec(CodeShieldScanner.NAME,
      "Insecure code in LLM output: CWE-tagged rules for 15 languages (regex + tree-sitter), block/warn/ignore",
      Set.of(Role.ASSISTANT, Role.TOOL), Cost.MODERATE, FailureMode.OPEN,
      List.of(LANGUAGE, ON_ERROR, ON_WARNING, ON_ADVICE, WARN_DECISION, DISABLED_RULES, RULES_DIR, MAX_CHARS,
          MAX_PARSE_CHARS));

  private static Setting<Treatment> treatment(String name, String severity, Treatment dflt) {
    return Setting.parsed(name, "block | warn | ignore", Treatment::parse, "treatment of " + severity + "-severity issues")
        .byDefault(dflt);
  }
}
