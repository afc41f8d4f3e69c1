package dev.bulwark.llm.scanners;

import dev.bulwark.core.ConfigNode;
import dev.bulwark.core.Cost;
import dev.bulwark.core.Decision;
import dev.bulwark.core.FailureMode;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScannerSpec;
import dev.bulwark.core.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code llm-judge} scanner type: an LLM check defined in configuration. */
final class LlmJudgeSpec {
  private LlmJudgeSpec() {}

  /** The roles a judge is meant for unless its {@code roles} setting says otherwise. */
  private static final Set<Role> ROLES_BY_DEFAULT = EnumSet.of(Role.USER, Role.ASSISTANT, Role.TOOL);

  static final Setting<String> BACKEND = BackendSettings.backend("acting as judge");
  static final Setting<String> SYSTEM_PROMPT = Setting.text("system-prompt",
      "the judge's instructions (or system-prompt-file)");
  static final Setting<Path> SYSTEM_PROMPT_FILE = Setting.path("system-prompt-file", "a UTF-8 file with the instructions");
  static final Setting<ConfigNode> FIELDS = Setting.structured("fields", "mapping field: boolean|number|list|string",
      "the JSON object the judge answers");
  static final Setting<String> FLAG_FIELD = Setting.text("flag-field", "field name", "the field that decides");
  /** One value for boolean, number and list fields; the flagging values for a string field. */
  static final Setting<List<String>> FLAG_WHEN = Setting.list("flag-when", "true | non-empty | '>= x' | list of values",
      "when the field flags the message").defaultDescribed("by the field's type");
  static final Setting<List<String>> IGNORE_VALUES = Setting.list("ignore-values", "list",
      "list items that do not count as findings").byDefault(List.of("none", "null", "n/a", "error"));
  static final Setting<Decision> DECISION = Setting.decision("decision", "what a flagged message gets",
      Decision.BLOCK, Decision.HUMAN_IN_THE_LOOP_REQUIRED).byDefault(Decision.BLOCK);
  static final Setting<String> SCORE_FIELD = Setting.text("score-field", "field name", "a number field in 0..1 used as the score")
      .defaultDescribed("none (1 or 0)");
  static final Setting<String> REASON_FIELD = Setting.text("reason-field", "field name", "a text field quoted in the reason")
      .defaultDescribed("none");
  static final Setting<Boolean> INCLUDE_CONTEXT = Setting.bool("include-context",
      "also show the judge the conversation so far").byDefault(false);
  static final Setting<List<Role>> ROLES = Setting.parsedList("roles", "list of roles", Role::parse,
      "the roles the scanner is meant for")
      .defaultDescribed(ROLES_BY_DEFAULT.stream().map(Role::id).collect(Collectors.joining(", ")));
  static final Setting<Integer> MAX_INPUT_CHARS = Setting.integer("max-input-chars", 500, 1_000_000,
      "the text to check is shortened (head and tail) beyond this").byDefault(16_000);
  static final Setting<Integer> MAX_TOKENS = Setting.integer("max-tokens", 8, 8192,
      "the most tokens the judge may write").byDefault(300);
  static final Setting<Duration> TIMEOUT = BackendSettings.timeout("check");

  static final ScannerSpec SPEC = new ScannerSpec("llm-judge",
      "an LLM check defined in configuration: system prompt, JSON answer fields, decision mapping (needs a backend)",
      ROLES_BY_DEFAULT, Cost.EXPENSIVE, FailureMode.OPEN,
      List.of(BACKEND, SYSTEM_PROMPT, SYSTEM_PROMPT_FILE, FIELDS, FLAG_FIELD, FLAG_WHEN, IGNORE_VALUES, DECISION,
          SCORE_FIELD, REASON_FIELD, INCLUDE_CONTEXT, ROLES, MAX_INPUT_CHARS, MAX_TOKENS, TIMEOUT));
}
