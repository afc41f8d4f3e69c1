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
import dev.bulwark.classifier.ClassifierException;
import dev.bulwark.llm.embedded.EmbeddedSafetyClassifier;
import dev.bulwark.llm.embedded.SafetyHead;
import dev.bulwark.llm.embedded.SharedClassifiers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds {@code llama-guard} scanners from configuration. */
public final class LlamaGuardScannerProvider implements ScannerProvider {
  static final String NO_BACKEND = "llama-guard has no LLM backend: set 'backend:' to one of the 'backends:' section"
      + " (a GGUF model in process or an OpenAI-compatible endpoint; see docs/LLAMA-GUARD.md)";

  /** Settings that only mean something to Llama Guard on a backend: the embedded classifier refuses them. */
  private static final List<String> BACKEND_ONLY = List.of("categories", "prompt-format", "probabilities");

  /** Settings that only mean something to the embedded classifier. */
  private static final List<String> EMBEDDED_ONLY = List.of("head", "threads");

  @Override
  public String name() {
    return "llama-guard";
  }

  @Override
  public String description() {
    return "Llama Guard content safety (S1-S14) of prompts and answers: embedded offline classifier, or Llama Guard 3/4 on an LLM backend";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        new Parameter("backend", "backend name", "none: the embedded classifier",
            "the LLM backend (a key of 'backends:') running Llama Guard; without it the embedded offline classifier runs"),
        new Parameter("version", "3-8b | 3-1b | 3-vision | 4", "3-8b", "which Llama Guard the backend runs: sets the prompt format and taxonomy"),
        new Parameter("prompt-format", "raw | conversation | message", "raw if the backend takes raw prompts, else conversation",
            "how the prompt is sent (see docs/LLAMA-GUARD.md)"),
        new Parameter("threshold", "number 0..1", "0.5", "unsafe probability from which a message is blocked (embedded: 0.5 is the"
            + " operating point chosen in training, see docs/models/llama-guard-embedded.md)"),
        new Parameter("categories", "list of {code, name, description}", "the version's S1-S14 / S1-S13",
            "a custom policy replacing the default categories"),
        new Parameter("exclude", "list of codes", "none", "categories left out of the prompt, e.g. [S6, S8]"),
        new Parameter("probabilities", "boolean", "true", "measure P(unsafe) for the score; false: 1/0 from the verdict, faster"),
        new Parameter("timeout", "duration", "90% of the scanner's deadline", "the longest one check may take"),
        new Parameter("max-prompt-chars", "integer", "16000", "conversation text kept in the prompt; older turns go first"),
        new Parameter("max-message-chars", "integer", "12000", "longer messages are judged in overlapping windows of this size"),
        new Parameter("max-windows", "integer", "4", "most windows judged per message; the rest is not judged and the reason says so"
            + " (embedded: most 1,500-character chunks that go through the encoder; every chunk gets the n-gram score)"),
        new Parameter("stream-every-chars", "integer", "0", "backend only: judge a streamed answer every this many new"
            + " characters (with as many before them) and at its end, without holding text back; 0: once, at its end"
            + " (the embedded classifier judges a stream sentence by sentence)"),
        new Parameter("head", "path", "the head shipped in the jar", "embedded only: a head written by 'bulwark train llama-guard'"),
        new Parameter("threads", "integer", "0", "embedded only: ONNX Runtime intra-op threads (0 = its default)"));
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.USER, Role.ASSISTANT);
  }

  @Override
  public Optional<String> unavailableReason(ScannerSettings settings) {
    if (BackendSettings.spec(settings).isPresent() || settings.has("head") || SharedClassifiers.shippedHeadPresent()) {
      return Optional.empty();
    }
    return Optional.of(NO_BACKEND + "; the embedded classifier's head " + SafetyHead.RESOURCE + " is missing from this build");
  }

  @Override
  public Scanner create(ScannerSettings settings) {
    if (BackendSettings.spec(settings).isEmpty()) {
      if (settings.has("stream-every-chars")) {
        throw settings.error("stream-every-chars", "needs an LLM backend ('backend:'); the embedded classifier judges a"
            + " streamed answer sentence by sentence");
      }
      return new EmbeddedLlamaGuardScanner(settings.instanceName(), embedded(settings));
    }
    for (String key : EMBEDDED_ONLY) {
      if (settings.has(key)) {
        throw settings.error(key, "only applies to the embedded classifier, which runs when no 'backend:' is set");
      }
    }
    int streamEveryChars = settings.getInt("stream-every-chars", 0, 0, 10_000_000);
    LlamaGuard guard = classifier(settings);
    return new LlamaGuardScanner(settings.instanceName(), guard, guard.backend(), streamEveryChars);
  }

  /** True when these settings name an LLM backend; false means the embedded classifier runs. */
  public static boolean hasBackend(ScannerSettings settings) {
    return BackendSettings.spec(settings).isPresent();
  }

  /**
   * The embedded classifier as these settings describe it (no backend), shared with every other user of the same
   * head in the process; the caller closes the lease. Shared by the scanner and by
   * {@link dev.bulwark.llm.Moderation#fromConfig}.
   *
   * @throws ConfigException for a bad setting, a setting that needs a backend, or an unreadable head
   */
  public static SharedClassifiers.Lease embedded(ScannerSettings settings) {
    for (String key : BACKEND_ONLY) {
      if (settings.has(key)) {
        throw settings.error(key, "needs an LLM backend ('backend:'); the embedded classifier judges the fixed S1-S14 taxonomy"
            + " (use 'exclude:' to leave categories out)");
      }
    }
    LlamaGuardVersion version;
    try {
      version = LlamaGuardVersion.parse(settings.getString("version", "3-8b"));
    } catch (IllegalArgumentException e) {
      throw settings.error("version", e.getMessage());
    }
    Set<String> excluded = new LinkedHashSet<>(settings.getStringList("exclude", List.of()));
    if (version.defaultCategories().size() < 14) {
      excluded.add("S14"); // the version's taxonomy has no S14
    }
    EmbeddedSafetyClassifier.Options options = EmbeddedSafetyClassifier.Options.defaults()
        .withThreshold(settings.getThreshold("threshold", 0.5))
        .withMaxEncodedChunks(settings.getInt("max-windows", 4, 1, 100));
    options = new EmbeddedSafetyClassifier.Options(options.threshold(), options.excluded(), options.maxEncodedChunks(),
        settings.getInt("threads", 0, 0, 64), options.microBatch(), options.maxWait());
    try {
      options = options.withExcluded(excluded);
      java.nio.file.Path head = settings.has("head") ? settings.getPath("head", null) : null;
      SharedClassifiers.Lease lease = SharedClassifiers.acquire(head, options);
      return lease;
    } catch (IllegalArgumentException e) {
      throw settings.error("exclude", e.getMessage());
    } catch (ClassifierException e) {
      throw settings.error(settings.has("head") ? "head" : "backend", e.getMessage());
    }
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
