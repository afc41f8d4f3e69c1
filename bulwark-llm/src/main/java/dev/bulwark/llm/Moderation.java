package dev.bulwark.llm;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The moderation API behind {@code POST /v1/moderations}: any {@link SafetyClassifier} (Llama Guard on a backend, or
 * an embedded classifier) answering OpenAI-shaped or Llama-API-shaped requests. Read and write the JSON with
 * {@link ModerationJson}.
 *
 * <pre>{@code
 * Moderation moderation = new Moderation(classifier);
 * ModerationRequest request = ModerationJson.read(body);          // IllegalArgumentException -> HTTP 400
 * String answer = ModerationJson.write(moderation.moderate(request));
 * }</pre>
 */
public final class Moderation implements AutoCloseable {
  /** The scanner instance whose settings {@link #fromConfig} uses first. */
  private static final String SCANNER = "llama-guard";

  private final SafetyClassifier classifier;
  private final AutoCloseable owned;

  public Moderation(SafetyClassifier classifier) {
    this(classifier, null);
  }

  private Moderation(SafetyClassifier classifier, AutoCloseable owned) {
    this.classifier = classifier;
    this.owned = owned;
  }

  /**
   * The moderation model a firewall configuration implies: Llama Guard with the settings of the {@code llama-guard}
   * scanner instance (else of the first instance of type {@code llama-guard}) on its backend, or, with no backend
   * configured, the embedded offline classifier. Empty only when neither can run (a build without the embedded
   * head). {@link #close()} releases the backend or the shared embedded model.
   *
   * @throws dev.bulwark.core.ConfigException for a bad setting or a backend that cannot be opened
   */
  public static java.util.Optional<Moderation> fromConfig(dev.bulwark.core.FirewallConfig config) {
    var specs = config.scanners();
    var spec = specs.get(SCANNER);
    if (spec == null || !spec.type().equals(SCANNER)) {
      spec = specs.values().stream().filter(s -> s.type().equals(SCANNER)).findFirst().orElse(null);
    }
    dev.bulwark.core.ScannerSettings settings = spec != null
        ? new dev.bulwark.core.ScannerSettings(spec.name(), SCANNER, spec.params(), config)
        : new dev.bulwark.core.ScannerSettings(SCANNER, SCANNER, dev.bulwark.core.ConfigNode.Mapping.empty(
            dev.bulwark.core.ConfigNode.Location.inCode("moderation")), config);
    var provider = new dev.bulwark.llm.scanners.LlamaGuardScannerProvider();
    if (provider.unavailableReason(settings).isPresent()) {
      return java.util.Optional.empty();
    }
    if (!dev.bulwark.llm.scanners.LlamaGuardScannerProvider.hasBackend(settings)) {
      // No backend: the embedded offline classifier, shared with the llama-guard scanner of the same process.
      var lease = dev.bulwark.llm.scanners.LlamaGuardScannerProvider.embedded(settings);
      return java.util.Optional.of(new Moderation(lease.classifier(), lease));
    }
    LlamaGuard guard = dev.bulwark.llm.scanners.LlamaGuardScannerProvider.classifier(settings);
    return java.util.Optional.of(new Moderation(guard, guard.backend()));
  }

  public SafetyClassifier classifier() {
    return classifier;
  }

  /**
   * Judges every item.
   *
   * @throws LlmException when the classifier's backend fails (HTTP 502/504 for a server)
   * @throws IllegalArgumentException when an item cannot be judged (HTTP 400)
   */
  public ModerationResponse moderate(ModerationRequest request) {
    List<ModerationResponse.Result> results = new ArrayList<>();
    for (List<ChatMessage> item : request.items()) {
      results.add(result(classifier.assess(item)));
    }
    String model = request.model() != null ? request.model() : classifier.name();
    byte[] id = new byte[12];
    ThreadLocalRandom.current().nextBytes(id);
    return new ModerationResponse(request.shape(), "modr-" + HexFormat.of().formatHex(id), model, results);
  }

  /** Releases what {@link #fromConfig} opened (the backend); a moderation built on a given classifier owns nothing. */
  @Override
  public void close() {
    if (owned != null) {
      try {
        owned.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the moderation backend failed: " + e.getMessage(), e);
      }
    }
  }

  private ModerationResponse.Result result(SafetyAssessment a) {
    Map<String, Boolean> flags = new LinkedHashMap<>();
    Map<String, Double> scores = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>();
    for (HazardCategory c : classifier.categories()) {
      boolean f = a.flaggedCodes().contains(c.code());
      flags.put(c.key(), f);
      scores.put(c.key(), a.categoryScores().getOrDefault(c.code(), 0.0));
      if (f) {
        keys.add(c.key());
      }
    }
    return new ModerationResponse.Result(a.flagged(), flags, scores, a.flaggedCodes(), keys, a.score(), a.scoreSource());
  }
}
