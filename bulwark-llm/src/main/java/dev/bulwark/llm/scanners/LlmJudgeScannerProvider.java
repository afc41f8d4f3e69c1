package dev.bulwark.llm.scanners;

import dev.bulwark.core.ConfigException;
import dev.bulwark.core.ConfigNode;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Role;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerSettings;
import dev.bulwark.core.ScannerSpec;
import dev.bulwark.core.Setting;
import dev.bulwark.llm.LlmBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
  public ScannerSpec spec() {
    return LlmJudgeSpec.SPEC;
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
    String flagField = settings.find(LlmJudgeSpec.FLAG_FIELD).orElseThrow(() -> new ConfigException(
        settings.params().location(), "scanners." + settings.instanceName() + ": missing required setting 'flag-field'"));
    String type = fields.get(flagField);
    if (type == null) {
      throw settings.error(LlmJudgeSpec.FLAG_FIELD, "'" + flagField + "' is not one of the fields: " + String.join(", ", fields.keySet()));
    }
    LlmJudgeScanner.Rule rule = rule(settings, flagField, type);
    Decision decision = settings.get(LlmJudgeSpec.DECISION);
    String scoreField = optionalField(settings, LlmJudgeSpec.SCORE_FIELD, fields, "number");
    String reasonField = optionalField(settings, LlmJudgeSpec.REASON_FIELD, fields, null);
    Set<Role> roles = settings.find(LlmJudgeSpec.ROLES).<Set<Role>>map(Set::copyOf).orElse(LlmJudgeSpec.SPEC.roles());
    String full = prompt.strip() + "\n\nAnswer with exactly one JSON object with these fields: " + describe(fields) + ".";
    var timeout = BackendSettings.timeout(settings, LlmJudgeSpec.TIMEOUT);
    LlmBackend backend = BackendSettings.open(settings, "llm-judge needs an LLM backend");
    return new LlmJudgeScanner(settings.instanceName(), backend, full, rule, decision, scoreField, reasonField,
        settings.get(LlmJudgeSpec.INCLUDE_CONTEXT), settings.get(LlmJudgeSpec.MAX_INPUT_CHARS),
        settings.get(LlmJudgeSpec.MAX_TOKENS), timeout, roles);
  }

  private static String systemPrompt(ScannerSettings settings) {
    boolean inline = settings.has(LlmJudgeSpec.SYSTEM_PROMPT);
    boolean file = settings.has(LlmJudgeSpec.SYSTEM_PROMPT_FILE);
    if (inline == file) {
      throw new ConfigException(settings.params().location(), "scanners." + settings.instanceName()
          + ": give exactly one of system-prompt or system-prompt-file");
    }
    if (inline) {
      return settings.find(LlmJudgeSpec.SYSTEM_PROMPT).orElseThrow();
    }
    Path p = settings.find(LlmJudgeSpec.SYSTEM_PROMPT_FILE).orElseThrow();
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw settings.error(LlmJudgeSpec.SYSTEM_PROMPT_FILE, "cannot read " + p + ": " + e.getMessage());
    }
  }

  private static Map<String, String> fields(ScannerSettings settings) {
    ConfigNode n = settings.find(LlmJudgeSpec.FIELDS).orElseThrow(() -> new ConfigException(settings.params().location(),
        "scanners." + settings.instanceName() + ": missing required setting 'fields' (field: boolean|number|list|string)"));
    if (!(n instanceof ConfigNode.Mapping m) || m.entries().isEmpty()) {
      throw settings.error(LlmJudgeSpec.FIELDS, "expected a mapping from field name to boolean, number, list or string");
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
    Set<String> ignored = Set.copyOf(settings.get(LlmJudgeSpec.IGNORE_VALUES).stream()
        .map(s -> s.trim().toLowerCase(Locale.ROOT)).toList());
    List<String> when = settings.find(LlmJudgeSpec.FLAG_WHEN).orElse(null);
    switch (type) {
      case "boolean" -> {
        String w = single(settings, when, "true").trim().toLowerCase(Locale.ROOT);
        if (!w.equals("true")) {
          throw settings.error(LlmJudgeSpec.FLAG_WHEN, "a boolean field flags when true; got '" + w + "'");
        }
        return new LlmJudgeScanner.Rule(field, type, 0, Set.of(), ignored);
      }
      case "number" -> {
        String w = single(settings, when, ">= 0.5").replace(" ", "");
        if (!w.startsWith(">=")) {
          throw settings.error(LlmJudgeSpec.FLAG_WHEN, "a number field flags at a threshold, e.g. '>= 0.7'; got '" + w + "'");
        }
        try {
          return new LlmJudgeScanner.Rule(field, type, Double.parseDouble(w.substring(2)), Set.of(), ignored);
        } catch (NumberFormatException e) {
          throw settings.error(LlmJudgeSpec.FLAG_WHEN, "expected '>= <number>', got '" + w + "'");
        }
      }
      case "list" -> {
        String w = single(settings, when, "non-empty").trim().toLowerCase(Locale.ROOT);
        if (!w.equals("non-empty")) {
          throw settings.error(LlmJudgeSpec.FLAG_WHEN, "a list field flags when non-empty; got '" + w + "'");
        }
        return new LlmJudgeScanner.Rule(field, type, 0, Set.of(), ignored);
      }
      default -> {
        List<String> values = (when == null ? List.<String>of() : when);
        if (values.isEmpty()) {
          throw settings.error(LlmJudgeSpec.FLAG_WHEN, "a string field needs the values that flag, e.g. [unsafe, yes]");
        }
        return new LlmJudgeScanner.Rule(field, type, 0,
            Set.copyOf(values.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList()), ignored);
      }
    }
  }

  /** The one value a boolean, number or list field's {@code flag-when} takes, or {@code dflt} when it is not given. */
  private static String single(ScannerSettings settings, List<String> when, String dflt) {
    if (when == null) {
      return dflt;
    }
    if (when.size() != 1) {
      throw settings.error(LlmJudgeSpec.FLAG_WHEN, "expected one value for this field's type, got " + when);
    }
    return when.get(0);
  }

  private static String optionalField(ScannerSettings settings, Setting<String> key, Map<String, String> fields,
      String type) {
    if (!settings.has(key)) {
      return null;
    }
    String f = settings.find(key).orElseThrow();
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
