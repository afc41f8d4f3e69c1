package dev.bulwark.llm.scanners;

import dev.bulwark.core.ConfigException;
import dev.bulwark.core.ConfigNode;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerSettings;
import dev.bulwark.core.ScannerSpec;
import dev.bulwark.core.Setting;
import dev.bulwark.llm.HazardCategory;
import dev.bulwark.llm.LlamaGuard;
import dev.bulwark.llm.LlamaGuardPolicy;
import dev.bulwark.llm.LlamaGuardVersion;
import dev.bulwark.llm.LlmBackend;
import dev.bulwark.classifier.ClassifierException;
import dev.bulwark.llm.EmbeddedSafetyClassifier;
import dev.bulwark.llm.SafetyHead;
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

  @Override
  public ScannerSpec spec() {
    return LlamaGuardSpec.SPEC;
  }

  @Override
  public Optional<String> unavailableReason(ScannerSettings settings) {
    if (BackendSettings.spec(settings).isPresent() || settings.has(LlamaGuardSpec.HEAD) || SharedClassifiers.shippedHeadPresent()) {
      return Optional.empty();
    }
    return Optional.of(NO_BACKEND + "; the embedded classifier's head " + SafetyHead.RESOURCE + " is missing from this build");
  }

  @Override
  public Scanner create(ScannerSettings settings) {
    if (BackendSettings.spec(settings).isEmpty()) {
      if (settings.has(LlamaGuardSpec.STREAM_EVERY_CHARS)) {
        throw settings.error(LlamaGuardSpec.STREAM_EVERY_CHARS, "needs an LLM backend ('backend:'); the embedded"
            + " classifier judges a streamed answer sentence by sentence");
      }
      return new EmbeddedLlamaGuardScanner(settings.instanceName(), embedded(settings));
    }
    for (Setting<?> s : LlamaGuardSpec.EMBEDDED_ONLY) {
      if (settings.has(s)) {
        throw settings.error(s, "only applies to the embedded classifier, which runs when no 'backend:' is set");
      }
    }
    int streamEveryChars = settings.get(LlamaGuardSpec.STREAM_EVERY_CHARS);
    LlamaGuard guard = classifier(settings);
    return new LlamaGuardScanner(settings.instanceName(), guard, guard.backend(), streamEveryChars);
  }

  /** The threshold these settings give (the declared default when they give none). */
  public static double threshold(ScannerSettings settings) {
    return settings.get(LlamaGuardSpec.THRESHOLD);
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
    for (Setting<?> s : LlamaGuardSpec.BACKEND_ONLY) {
      if (settings.has(s)) {
        throw settings.error(s, "needs an LLM backend ('backend:'); the embedded classifier judges the fixed S1-S14 taxonomy"
            + " (use 'exclude:' to leave categories out)");
      }
    }
    LlamaGuardVersion version = settings.get(LlamaGuardSpec.VERSION);
    Set<String> excluded = new LinkedHashSet<>(settings.get(LlamaGuardSpec.EXCLUDE));
    if (version.defaultCategories().size() < 14) {
      excluded.add("S14"); // the version's taxonomy has no S14
    }
    EmbeddedSafetyClassifier.Options options = EmbeddedSafetyClassifier.Options.defaults()
        .withThreshold(settings.get(LlamaGuardSpec.THRESHOLD))
        .withMaxEncodedChunks(settings.get(LlamaGuardSpec.MAX_WINDOWS));
    options = new EmbeddedSafetyClassifier.Options(options.threshold(), options.excluded(), options.maxEncodedChunks(),
        settings.get(LlamaGuardSpec.THREADS), options.microBatch(), options.maxWait());
    try {
      options = options.withExcluded(excluded);
      return SharedClassifiers.acquire(settings.find(LlamaGuardSpec.HEAD).orElse(null), options);
    } catch (IllegalArgumentException e) {
      throw settings.error(LlamaGuardSpec.EXCLUDE, e.getMessage());
    } catch (ClassifierException e) {
      throw settings.error(settings.has(LlamaGuardSpec.HEAD) ? LlamaGuardSpec.HEAD : LlamaGuardSpec.BACKEND, e.getMessage());
    }
  }

  /**
   * Llama Guard as these settings describe it, on its opened backend; the caller closes {@code guard.backend()}.
   * Shared by the scanner and by {@link dev.bulwark.llm.Moderation#fromConfig}.
   *
   * @throws ConfigException for a bad setting or a backend that cannot be opened
   */
  public static LlamaGuard classifier(ScannerSettings settings) {
    LlamaGuardVersion version = settings.get(LlamaGuardSpec.VERSION);
    LlamaGuardPolicy policy;
    try {
      List<HazardCategory> categories = settings.has(LlamaGuardSpec.CATEGORIES) ? categories(settings)
          : version.defaultCategories();
      Set<String> excluded = new LinkedHashSet<>(settings.get(LlamaGuardSpec.EXCLUDE));
      policy = new LlamaGuardPolicy(version, categories, excluded);
    } catch (IllegalArgumentException e) {
      throw settings.error(settings.has(LlamaGuardSpec.EXCLUDE) ? LlamaGuardSpec.EXCLUDE : LlamaGuardSpec.CATEGORIES,
          e.getMessage());
    }
    LlamaGuard.Options options = LlamaGuard.Options.defaults()
        .withTimeout(BackendSettings.timeout(settings, LlamaGuardSpec.TIMEOUT))
        .withThreshold(settings.get(LlamaGuardSpec.THRESHOLD))
        .withLimits(settings.get(LlamaGuardSpec.MAX_PROMPT_CHARS), settings.get(LlamaGuardSpec.MAX_MESSAGE_CHARS),
            settings.get(LlamaGuardSpec.MAX_WINDOWS))
        .withProbabilities(settings.get(LlamaGuardSpec.PROBABILITIES));
    Optional<LlamaGuard.PromptFormat> format = settings.find(LlamaGuardSpec.PROMPT_FORMAT);
    if (format.isPresent()) {
      options = options.withFormat(format.get());
    }
    LlmBackend backend = BackendSettings.open(settings, NO_BACKEND);
    try {
      return new LlamaGuard(backend, policy, options);
    } catch (IllegalArgumentException e) {
      backend.close();
      throw settings.error(LlamaGuardSpec.PROMPT_FORMAT, e.getMessage());
    }
  }

  /** {@code categories:} as a list of {code, name, description} or a mapping from code to name. */
  private static List<HazardCategory> categories(ScannerSettings settings) {
    ConfigNode node = settings.get(LlamaGuardSpec.CATEGORIES);
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
      throw settings.error(LlamaGuardSpec.CATEGORIES, "expected a list of {code, name, description} or a mapping from code to name");
    }
    if (out.isEmpty()) {
      throw settings.error(LlamaGuardSpec.CATEGORIES, "the list is empty: nothing would be checked");
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
