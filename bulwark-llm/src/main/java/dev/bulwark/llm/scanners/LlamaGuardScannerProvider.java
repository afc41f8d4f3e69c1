package dev.bulwark.llm.scanners;

import dev.bulwark.core.ConfigException;
import dev.bulwark.core.ConfigNode;
import dev.bulwark.core.Parameter;
import dev.bulwark.core.Role;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerSettings;
import dev.bulwark.llm.HazardCategory;
import dev.bulwark.llm.LlamaGuard;
import dev.bulwark.llm.LlamaGuardPolicy;
import dev.bulwark.llm.LlamaGuardVersion;
import dev.bulwark.llm.LlmBackend;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds {@code llama-guard} scanners from configuration. */
public final class LlamaGuardScannerProvider implements ScannerProvider {
  static final String NO_BACKEND = "llama-guard has no LLM backend: set 'backend:' to one of the 'backends:' section"
      + " (a GGUF model in process or an OpenAI-compatible endpoint; see docs/LLAMA-GUARD.md). The embedded offline"
      + " classifier that will be the default is not built yet.";

  @Override
  public String name() {
    return "llama-guard";
  }

  @Override
  public String description() {
    return "Llama Guard 3/4 content safety (S1-S14) of prompts and answers on an LLM backend";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        new Parameter("backend", "backend name", null, "the LLM backend (a key of 'backends:') running Llama Guard"),
        new Parameter("version", "3-8b | 3-1b | 3-vision | 4", "3-8b", "which Llama Guard the backend runs: sets the prompt format and taxonomy"),
        new Parameter("prompt-format", "raw | conversation | message", "raw if the backend takes raw prompts, else conversation",
            "how the prompt is sent (see docs/LLAMA-GUARD.md)"),
        new Parameter("threshold", "number 0..1", "0.5", "unsafe probability from which a message is blocked"),
        new Parameter("categories", "list of {code, name, description}", "the version's S1-S14 / S1-S13",
            "a custom policy replacing the default categories"),
        new Parameter("exclude", "list of codes", "none", "categories left out of the prompt, e.g. [S6, S8]"),
        new Parameter("probabilities", "boolean", "true", "measure P(unsafe) for the score; false: 1/0 from the verdict, faster"),
        new Parameter("timeout", "duration", "90% of the scanner's deadline", "the longest one check may take"),
        new Parameter("max-prompt-chars", "integer", "16000", "conversation text kept in the prompt; older turns go first"),
        new Parameter("max-message-chars", "integer", "12000", "longer messages are judged in overlapping windows of this size"),
        new Parameter("max-windows", "integer", "4", "most windows judged per message; the rest is not judged and the reason says so"));
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.USER, Role.ASSISTANT);
  }

  @Override
  public Optional<String> unavailableReason(ScannerSettings settings) {
    return BackendSettings.spec(settings).isPresent() ? Optional.empty() : Optional.of(NO_BACKEND);
  }

  @Override
  public Scanner create(ScannerSettings settings) {
    LlamaGuard guard = classifier(settings);
    return new LlamaGuardScanner(settings.instanceName(), guard, guard.backend());
  }

  /**
   * Llama Guard as these settings describe it, on its opened backend; the caller closes {@code guard.backend()}.
   * Shared by the scanner and by {@link dev.bulwark.llm.Moderation#fromConfig}.
   *
   * @throws ConfigException for a bad setting or a backend that cannot be opened
   */
  public static LlamaGuard classifier(ScannerSettings settings) {
    LlamaGuardVersion version;
    try {
      version = LlamaGuardVersion.parse(settings.getString("version", "3-8b"));
    } catch (IllegalArgumentException e) {
      throw settings.error("version", e.getMessage());
    }
    LlamaGuardPolicy policy;
    try {
      List<HazardCategory> categories = settings.has("categories") ? categories(settings) : version.defaultCategories();
      Set<String> excluded = new LinkedHashSet<>(settings.getStringList("exclude", List.of()));
      policy = new LlamaGuardPolicy(version, categories, excluded);
    } catch (IllegalArgumentException e) {
      throw settings.error(settings.has("exclude") ? "exclude" : "categories", e.getMessage());
    }
    LlamaGuard.Options options = LlamaGuard.Options.defaults()
        .withTimeout(BackendSettings.timeout(settings))
        .withThreshold(settings.getThreshold("threshold", 0.5))
        .withLimits(settings.getInt("max-prompt-chars", 16_000, 1_000, 1_000_000),
            settings.getInt("max-message-chars", 12_000, 500, 1_000_000),
            settings.getInt("max-windows", 4, 1, 100))
        .withProbabilities(settings.getBoolean("probabilities", true));
    if (settings.has("prompt-format")) {
      try {
        options = options.withFormat(LlamaGuard.PromptFormat.parse(settings.getString("prompt-format", null)));
      } catch (IllegalArgumentException e) {
        throw settings.error("prompt-format", e.getMessage());
      }
    }
    LlmBackend backend = BackendSettings.open(settings, NO_BACKEND);
    try {
      return new LlamaGuard(backend, policy, options);
    } catch (IllegalArgumentException e) {
      backend.close();
      throw settings.error("prompt-format", e.getMessage());
    }
  }

  /** {@code categories:} as a list of {code, name, description} or a mapping from code to name. */
  private static List<HazardCategory> categories(ScannerSettings settings) {
    ConfigNode node = settings.node("categories").orElseThrow();
    List<HazardCategory> out = new ArrayList<>();
    if (node instanceof ConfigNode.Mapping m) {
      for (Map.Entry<String, ConfigNode> e : m.entries().entrySet()) {
        out.add(HazardCategory.of(e.getKey(), scalar(e.getValue(), "categories." + e.getKey(), settings)));
      }
    } else if (node instanceof ConfigNode.Sequence seq) {
      int i = 0;
      for (ConfigNode item : seq.items()) {
        if (!(item instanceof ConfigNode.Mapping m) || m.get("code") == null || m.get("name") == null) {
          throw new ConfigException(item.location(), "scanners." + settings.instanceName() + ".categories[" + i
              + "]: expected {code: S1, name: ..., description: ...}");
        }
        String description = m.get("description") == null ? null : scalar(m.get("description"), "description", settings);
        out.add(new HazardCategory(scalar(m.get("code"), "code", settings), scalar(m.get("name"), "name", settings), description));
        i++;
      }
    } else {
      throw settings.error("categories", "expected a list of {code, name, description} or a mapping from code to name");
    }
    if (out.isEmpty()) {
      throw settings.error("categories", "the list is empty: nothing would be checked");
    }
    return out;
  }

  private static String scalar(ConfigNode n, String what, ScannerSettings settings) {
    if (n instanceof ConfigNode.Scalar s && !s.isNull()) {
      return s.value();
    }
    throw new ConfigException(n.location(), "scanners." + settings.instanceName() + "." + what + ": expected text, found " + n.kind());
  }
}
