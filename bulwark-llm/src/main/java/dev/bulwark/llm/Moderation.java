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
  /**
   * OpenAI's own model names, accepted in OpenAI-shaped requests so that clients which name one work unchanged; the
   * configured model answers them, and the answer's {@code model} says which one that is.
   */
  public static final List<String> OPENAI_MODEL_ALIASES = List.of(
      "omni-moderation-latest", "omni-moderation-2024-09-26", "text-moderation-latest", "text-moderation-stable");

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

  /** The {@code model} values an OpenAI-shaped request may name: the judging model's own name and OpenAI's. */
  public List<String> acceptedModels() {
    List<String> names = new ArrayList<>();
    names.add(classifier.name());
    names.addAll(OPENAI_MODEL_ALIASES);
    return names;
  }

  /**
   * Checks what can be checked before judging anything: the {@code model} an OpenAI-shaped request names, and that
   * no item carries images the model cannot read (judging the text alone would answer for content nobody looked at).
   *
   * @throws ModerationRequestException naming the field at fault
   */
  public void validate(ModerationRequest request) {
    if (request.shape() == ModerationRequest.Shape.OPENAI && request.model() != null
        && !acceptedModels().contains(request.model())) {
      throw new ModerationRequestException("model '" + excerpt(request.model()) + "' is not served here: this server"
          + " moderates with '" + classifier.name() + "'. Accepted values: " + String.join(", ", acceptedModels())
          + " (OpenAI's names are answered by the same model), or leave 'model' out", "model", "model_not_found");
    }
    if (classifier.readsImages()) {
      return;
    }
    for (int i = 0; i < request.items().size(); i++) {
      if (request.items().get(i).stream().anyMatch(ChatMessage::hasImages)) {
        String where = request.shape() == ModerationRequest.Shape.OPENAI
            ? (request.items().size() == 1 ? "input" : "input[" + i + "]") : "messages";
        throw new ModerationRequestException(where + ": image input cannot be moderated here: model '"
            + classifier.name() + "' reads text only. Send the text parts alone, or configure Llama Guard 3-vision or 4"
            + " on a vision backend (images: true, prompt-format: conversation; docs/LLAMA-GUARD.md)", "input",
            "image_input_not_supported");
      }
    }
  }

  /**
   * Judges every item. An OpenAI-shaped answer names the model that judged; a Llama-API-shaped one keeps the name the
   * caller gave, as before.
   *
   * @throws LlmException when the classifier's backend fails (HTTP 502/504 for a server)
   * @throws ModerationRequestException for an unknown model or images the model cannot read (HTTP 400)
   * @throws IllegalArgumentException when an item cannot be judged (HTTP 400)
   */
  public ModerationResponse moderate(ModerationRequest request) {
    validate(request);
    List<ModerationResponse.Result> results = new ArrayList<>();
    for (List<ChatMessage> item : request.items()) {
      results.add(result(classifier.assess(item), item));
    }
    String model = request.shape() == ModerationRequest.Shape.OPENAI || request.model() == null
        ? classifier.name() : request.model();
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

  private ModerationResponse.Result result(SafetyAssessment a, List<ChatMessage> item) {
    Map<String, Double> scores = new LinkedHashMap<>();
    for (HazardCategory c : classifier.categories()) {
      scores.put(c.code(), a.categoryScores().getOrDefault(c.code(), 0.0));
    }
    List<String> read = item.stream().anyMatch(ChatMessage::hasImages) ? List.of("text", "image") : List.of("text");
    return new ModerationResponse.Result(a.flagged(), a.flaggedCodes(), scores, a.score(), a.scoreSource(), read);
  }

  private static String excerpt(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }
}
