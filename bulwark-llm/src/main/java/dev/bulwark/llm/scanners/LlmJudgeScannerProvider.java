package dev.bulwark.llm.scanners;

import dev.bulwark.core.ConfigException;
import dev.bulwark.core.ConfigNode;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Parameter;
import dev.bulwark.core.Role;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerSettings;
import dev.bulwark.llm.LlmBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds {@code llm-judge} scanners: LLM checks defined purely in configuration.
 *
 * <pre>{@code
 * scanners:
 *   pii-llm:
 *     type: llm-judge
 *     backend: guard
 *     system-prompt: "..."           # or system-prompt-file: prompts/pii.txt
 *     fields: {pii_types: list, explanation: string}
 *     flag-field: pii_types
 *     flag-when: non-empty           # boolean: true | number: ">= 0.7" | list: non-empty | string: [yes, unsafe]
 *     ignore-values: [none]          # list items that do not count
 *     decision: block
 *     reason-field: explanation
 * }</pre>
 */
public final class LlmJudgeScannerProvider implements ScannerProvider {
  private static final Set<String> TYPES = Set.of("boolean", "number", "list", "string");

  @Override
  public String name() {
    return "llm-judge";
  }

  @Override
  public String description() {
    return "an LLM check defined in configuration: system prompt, JSON answer fields, decision mapping (needs a backend)";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        new Parameter("backend", "backend name", null, "the LLM backend (a key of 'backends:') acting as judge"),
        new Parameter("system-prompt", "text", null, "the judge's instructions (or system-prompt-file)"),
        new Parameter("system-prompt-file", "path", null, "a UTF-8 file with the instructions"),
        new Parameter("fields", "mapping field: boolean|number|list|string", null, "the JSON object the judge answers"),
        new Parameter("flag-field", "field name", null, "the field that decides"),
        new Parameter("flag-when", "true | non-empty | '>= x' | list of values", "by the field's type",
            "when the field flags the message"),
        new Parameter("ignore-values", "list", "[none, null, n/a, error]", "list items that do not count as findings"),
        new Parameter("decision", "block | human_in_the_loop_required", "block", "what a flagged message gets"),
        new Parameter("score-field", "field name", "none (1 or 0)", "a number field in 0..1 used as the score"),
        new Parameter("reason-field", "field name", "none", "a text field quoted in the reason"),
        new Parameter("include-context", "boolean", "false", "also show the judge the conversation so far"),
        new Parameter("roles", "list of roles", "user, assistant, tool", "the roles the scanner is meant for"),
        new Parameter("max-input-chars", "integer", "16000", "the text to check is shortened (head and tail) beyond this"),
        new Parameter("max-tokens", "integer", "300", "the most tokens the judge may write"),
        new Parameter("timeout", "duration", "90% of the scanner's deadline", "the longest one check may take"));
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.USER, Role.ASSISTANT, Role.TOOL);
  }

  @Override
  public Optional<String> unavailableReason(ScannerSettings settings) {
    return BackendSettings.spec(settings).isPresent() ? Optional.empty()
        : Optional.of("llm-judge needs an LLM backend: set 'backend:' to one of the 'backends:' section");
  }

  @Override
  public Scanner create(ScannerSettings settings) {
    String prompt = systemPrompt(settings);
    Map<String, String> fields = fields(settings);
    String flagField = settings.requireString("flag-field");
    String type = fields.get(flagField);
    if (type == null) {
      throw settings.error("flag-field", "'" + flagField + "' is not one of the fields: " + String.join(", ", fields.keySet()));
    }
    LlmJudgeScanner.Rule rule = rule(settings, flagField, type);
    Decision decision = settings.getDecision("decision", Decision.BLOCK);
    if (decision == Decision.ALLOW) {
      throw settings.error("decision", "a flagged message cannot be allowed; use block or human_in_the_loop_required");
    }
    String scoreField = optionalField(settings, "score-field", fields, "number");
    String reasonField = optionalField(settings, "reason-field", fields, null);
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String r : settings.getStringList("roles", List.of("user", "assistant", "tool"))) {
      try {
        roles.add(Role.parse(r));
      } catch (IllegalArgumentException e) {
        throw settings.error("roles", e.getMessage());
      }
    }
    String full = prompt.strip() + "\n\nAnswer with exactly one JSON object with these fields: " + describe(fields) + ".";
    var timeout = BackendSettings.timeout(settings);
    LlmBackend backend = BackendSettings.open(settings, "llm-judge needs an LLM backend");
    return new LlmJudgeScanner(settings.instanceName(), backend, full, rule, decision, scoreField, reasonField,
        settings.getBoolean("include-context", false), settings.getInt("max-input-chars", 16_000, 500, 1_000_000),
        settings.getInt("max-tokens", 300, 8, 8192), timeout, Set.copyOf(roles));
  }

  private static String systemPrompt(ScannerSettings settings) {
    boolean inline = settings.has("system-prompt");
    boolean file = settings.has("system-prompt-file");
    if (inline == file) {
      throw new ConfigException(settings.params().location(), "scanners." + settings.instanceName()
          + ": give exactly one of system-prompt or system-prompt-file");
    }
    if (inline) {
      return settings.requireString("system-prompt");
    }
    Path p = settings.getPath("system-prompt-file", null);
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw settings.error("system-prompt-file", "cannot read " + p + ": " + e.getMessage());
    }
  }

  private static Map<String, String> fields(ScannerSettings settings) {
    ConfigNode n = settings.node("fields").orElseThrow(() -> new ConfigException(settings.params().location(),
        "scanners." + settings.instanceName() + ": missing required setting 'fields' (field: boolean|number|list|string)"));
    if (!(n instanceof ConfigNode.Mapping m) || m.entries().isEmpty()) {
      throw settings.error("fields", "expected a mapping from field name to boolean, number, list or string");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigNode> e : m.entries().entrySet()) {
      String t = e.getValue() instanceof ConfigNode.Scalar s && !s.isNull() ? s.value().trim().toLowerCase(Locale.ROOT) : "";
      if (!TYPES.contains(t)) {
        throw new ConfigException(e.getValue().location(), "scanners." + settings.instanceName() + ".fields." + e.getKey()
            + ": expected one of " + String.join(", ", new TreeSet<>(TYPES)) + ", got " + e.getValue().kind());
      }
      out.put(e.getKey(), t);
    }
    return out;
  }

  private static LlmJudgeScanner.Rule rule(ScannerSettings settings, String field, String type) {
    Set<String> ignored = Set.copyOf(settings.getStringList("ignore-values", List.of("none", "null", "n/a", "error"))
        .stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList());
    switch (type) {
      case "boolean" -> {
        String w = settings.getString("flag-when", "true").trim().toLowerCase(Locale.ROOT);
        if (!w.equals("true")) {
          throw settings.error("flag-when", "a boolean field flags when true; got '" + w + "'");
        }
        return new LlmJudgeScanner.Rule(field, type, 0, Set.of(), ignored);
      }
      case "number" -> {
        String w = settings.getString("flag-when", ">= 0.5").replace(" ", "");
        if (!w.startsWith(">=")) {
          throw settings.error("flag-when", "a number field flags at a threshold, e.g. '>= 0.7'; got '" + w + "'");
        }
        try {
          return new LlmJudgeScanner.Rule(field, type, Double.parseDouble(w.substring(2)), Set.of(), ignored);
        } catch (NumberFormatException e) {
          throw settings.error("flag-when", "expected '>= <number>', got '" + w + "'");
        }
      }
      case "list" -> {
        String w = settings.getString("flag-when", "non-empty").trim().toLowerCase(Locale.ROOT);
        if (!w.equals("non-empty")) {
          throw settings.error("flag-when", "a list field flags when non-empty; got '" + w + "'");
        }
        return new LlmJudgeScanner.Rule(field, type, 0, Set.of(), ignored);
      }
      default -> {
        List<String> values = settings.getStringList("flag-when", List.of());
        if (values.isEmpty()) {
          throw settings.error("flag-when", "a string field needs the values that flag, e.g. [unsafe, yes]");
        }
        return new LlmJudgeScanner.Rule(field, type, 0,
            Set.copyOf(values.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList()), ignored);
      }
    }
  }

  private static String optionalField(ScannerSettings settings, String key, Map<String, String> fields, String type) {
    if (!settings.has(key)) {
      return null;
    }
    String f = settings.getString(key, null);
    if (!fields.containsKey(f)) {
      throw settings.error(key, "'" + f + "' is not one of the fields: " + String.join(", ", fields.keySet()));
    }
    if (type != null && !fields.get(f).equals(type)) {
      throw settings.error(key, "'" + f + "' must be a " + type + " field");
    }
    return f;
  }

  private static String describe(Map<String, String> fields) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : fields.entrySet()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append('"').append(e.getKey()).append("\" (").append(LlmJudgeScanner.fieldTypes().get(e.getValue())).append(')');
    }
    return sb.toString();
  }
}
