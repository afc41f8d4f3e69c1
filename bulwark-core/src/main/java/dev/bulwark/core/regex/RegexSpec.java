package dev.bulwark.core.regex;

import dev.bulwark.core.ConfigNode;
import dev.bulwark.core.Cost;
import dev.bulwark.core.Decision;
import dev.bulwark.core.FailureMode;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScannerSpec;
import dev.bulwark.core.Setting;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The {@code regex} scanner type. */
final class RegexSpec {
  private RegexSpec() {}

  static final Setting<Boolean> DEFAULTS = Setting.bool("defaults", "include the shipped injection and secret rules")
      .byDefault(true);
  static final Setting<ConfigNode> PATTERNS = Setting.structured("patterns", "list of patterns",
      "your rules: {name, pattern, decision?, category?, message?, case-sensitive?, anchors?, anchored-at-start?,"
          + " not-preceded-by?}");
  static final Setting<List<String>> DISABLE = Setting.list("disable", "list of rule ids", "shipped rules to turn off")
      .byDefault(List.of());
  static final Setting<Map<String, Decision>> DECISIONS = Setting.decisionMap("decisions", "map id -> decision",
      Function.identity(), "change what a shipped rule decides");
  static final Setting<Boolean> NORMALIZE = Setting.bool("normalize",
      "match on text with invisible characters dropped and look-alikes folded").byDefault(true);
  static final Setting<Integer> MAX_FINDINGS = Setting.integer("max-findings", 1, 1000, "findings reported per rule")
      .byDefault(10);

  static final ScannerSpec SPEC = new ScannerSpec(RegexScanner.NAME,
      "Named regular expressions (RE2, linear time): injection phrasings and secrets by default, plus your own.",
      EnumSet.allOf(Role.class), Cost.CHEAP, FailureMode.OPEN,
      List.of(DEFAULTS, PATTERNS, DISABLE, DECISIONS, NORMALIZE, MAX_FINDINGS));
}
