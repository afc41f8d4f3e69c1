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
public final class Moderation {
  private final SafetyClassifier classifier;

  public Moderation(SafetyClassifier classifier) {
    this.classifier = classifier;
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
