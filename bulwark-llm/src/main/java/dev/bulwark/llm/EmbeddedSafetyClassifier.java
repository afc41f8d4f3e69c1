package dev.bulwark.llm;

import dev.bulwark.llm.embedded.MetaFeatures;
import dev.bulwark.llm.embedded.PromptEncoder;
import dev.bulwark.llm.embedded.RecentRequests;
import dev.bulwark.llm.embedded.Sanitised;
import dev.bulwark.llm.embedded.TextScorer;
import dev.bulwark.llm.embedded.Turns;
import dev.bulwark.classifier.TunedEncoder;
import dev.bulwark.classifier.WindowedEmbedder;
import dev.bulwark.classifier.runtime.Threading;
import dev.bulwark.classifier.NormalisedText;
import dev.bulwark.classifier.Softmax;
import dev.bulwark.classifier.TextNormaliser;
import dev.bulwark.llm.ChatMessage;
import dev.bulwark.llm.HazardCategory;
import dev.bulwark.llm.LlamaGuardVersion;
import dev.bulwark.llm.SafetyAssessment;
import dev.bulwark.llm.SafetyClassifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The embedded default of {@code llama-guard}: an offline content-safety classifier over the Llama Guard 3 taxonomy
 * (S1–S14). No download, no network, no API key: the int8 MiniLM encoder comes from a Maven artifact and the trained
 * head ({@link SafetyHead}) from this jar.
 *
 * <p>Like Llama Guard, it judges the last message of a conversation. A user message is judged as a User turn on its
 * own text. An assistant message is judged as an Agent turn given the user's request before it: the reply stack
 * combines how harmful the request is, how harmful the reply reads on its own and whether the reply refuses, so a
 * refusal of a harmful request is safe and compliance with it is not.
 *
 * <p>Scores are probability-like and rank: they are the stacking models' probabilities, mapped piecewise-linearly so
 * that the operating point chosen on the training data (see the model card) sits at 0.5 for both kinds of turn, and
 * the scanner's default threshold 0.5 means the same thing as for Llama Guard on a backend.
 */
public final class EmbeddedSafetyClassifier implements SafetyClassifier, AutoCloseable {
  /** The model name moderation answers report. */
  public static final String MODEL_NAME = "bulwark-llama-guard-embedded";

  /**
   * @param threshold score (on the calibrated scale) from which a message is flagged
   * @param excluded hazard codes left out: they are not reported and their share of the score is removed
   * @param maxEncodedChunks most 1,500-character chunks of one message that go through the encoder (the rest only
   *     through the n-gram stage)
   * @param threads ONNX Runtime intra-op threads (0 = its default)
   * @param microBatch batch concurrent callers' encoder windows
   * @param maxWait longest a window waits for batch-mates
   */
  public record Options(double threshold, Set<String> excluded, int maxEncodedChunks, int threads, boolean microBatch,
      Duration maxWait) {
    public Options {
      excluded = Set.copyOf(excluded);
      if (!(threshold >= 0 && threshold <= 1)) {
        throw new IllegalArgumentException("threshold must be within [0, 1], got " + threshold);
      }
      if (maxEncodedChunks < 1) {
        throw new IllegalArgumentException("maxEncodedChunks must be at least 1, got " + maxEncodedChunks);
      }
    }

    public static Options defaults() {
      return new Options(0.5, Set.of(), 4, 0, true, Duration.ofMillis(2));
    }

    public Options withThreshold(double t) {
      return new Options(t, excluded, maxEncodedChunks, threads, microBatch, maxWait);
    }

    public Options withExcluded(Set<String> codes) {
      return new Options(threshold, codes, maxEncodedChunks, threads, microBatch, maxWait);
    }

    public Options withMaxEncodedChunks(int n) {
      return new Options(threshold, excluded, n, threads, microBatch, maxWait);
    }

    /** Only what changes the loaded model (not thresholds or exclusions): models with equal keys can be shared. */
  public   Object modelKey() {
      return List.of(threads, microBatch, maxWait);
    }
  }

  /**
   * One judgement with what a scanner shows.
   *
   * @param assessment the verdict, score and codes
   * @param judgedRole {@code User} or {@code Agent}
   * @param start start of the most unsafe chunk in the judged message's text
   * @param end its end
   * @param chunks chunks the judged message was cut into
   * @param chunksEncoded how many went through the encoder
   * @param refusal for an Agent turn, the probability that the reply refuses; NaN for a User turn
   * @param judgedLength length of the judged turn's text (consecutive messages of one role joined by newlines)
   */
  public record Judgement(SafetyAssessment assessment, String judgedRole, int start, int end, int chunks, int chunksEncoded,
      double refusal, int judgedLength) {}

  private final SafetyHead head;
  private final Options options;
  private final TextNormaliser normaliser = new TextNormaliser();
  private final PromptEncoder encoder;
  private final TextScorer scorer;
  private final RecentRequests requests = new RecentRequests();
  private final List<HazardCategory> categories;

  public EmbeddedSafetyClassifier(SafetyHead head, Options options) {
    this(head, options, encoderOf(head, options));
  }

  /** The head's encoder stage: its fine-tuned MiniLM, or the MLP over frozen int8 MiniLM embeddings, or none. */
  private static PromptEncoder encoderOf(SafetyHead head, Options options) {
    if (head.tunedEncoder() != null) {
      return PromptEncoder.tuned(TunedEncoder.miniLm(head.tunedEncoder(), "the Llama Guard head's tuned encoder",
          Threading.of(options.threads())), true);
    }
    if (head.encoder() != null) {
      return PromptEncoder.frozen(WindowedEmbedder.miniLm("llama-guard-encoder", options.threads(), options.microBatch(),
          options.maxWait(), 2), head.encoder(), true);
    }
    return null;
  }

  private EmbeddedSafetyClassifier(SafetyHead head, Options options, PromptEncoder encoder) {
    this.head = head;
    this.options = options;
    this.encoder = encoder;
    this.scorer = new TextScorer(head, encoder);
    Map<String, HazardCategory> byCode = new LinkedHashMap<>();
    LlamaGuardVersion.LLAMA_GUARD_3_8B.defaultCategories().forEach(c -> byCode.put(c.code(), c));
    for (String code : options.excluded()) {
      if (!head.codes().contains(code)) {
        throw new IllegalArgumentException("excluded category " + code + " is not one of " + String.join(", ", head.codes()));
      }
    }
    if (options.excluded().containsAll(head.codes())) {
      throw new IllegalArgumentException("every category is excluded: nothing would be checked");
    }
    List<HazardCategory> active = new ArrayList<>();
    for (String code : head.codes()) {
      if (!options.excluded().contains(code)) {
        active.add(byCode.getOrDefault(code, HazardCategory.of(code, code)));
      }
    }
    this.categories = List.copyOf(active);
  }

  /** The same loaded model with other thresholds or exclusions (shares the encoder; closing the copy is a no-op). */
  public EmbeddedSafetyClassifier withOptions(Options other) {
    return new EmbeddedSafetyClassifier(head, other, encoder == null ? null : encoder.borrowed());
  }

  public static EmbeddedSafetyClassifier shipped(Options options) {
    return new EmbeddedSafetyClassifier(SafetyHead.shipped(), options);
  }

  public SafetyHead head() {
    return head;
  }

  public Options options() {
    return options;
  }

  @Override
  public String name() {
    return MODEL_NAME;
  }

  @Override
  public List<HazardCategory> categories() {
    return categories;
  }

  @Override
  public SafetyAssessment assess(List<ChatMessage> conversation) {
    return judge(conversation).assessment();
  }

  /**
   * Judges the last user or assistant message of {@code conversation}; system and tool messages are left out, as the
   * Llama Guard formats have no such roles, and consecutive messages of one role form one turn.
   *
   * @throws IllegalArgumentException when the conversation has no user or assistant message
   */
  public Judgement judge(List<ChatMessage> conversation) {
    Turns turns = Turns.of(conversation);
    NormalisedText judged = normaliser.normalise(Sanitised.text(turns.judged()));
    if (judged.text().isBlank()) {
      SafetyAssessment empty = new SafetyAssessment(false, 0.0, List.of(), zeroScores(), SafetyAssessment.ScoreSource.CLASSIFIER,
          "empty message: nothing to judge");
      return new Judgement(empty, turns.role(), 0, 0, 0, 0, Double.NaN, turns.judged().length());
    }
    TextScorer.Scores own = scorer.score(judged.text(), options.maxEncodedChunks());
    String request = turns.request() == null ? null : normaliser.normalise(Sanitised.text(turns.request())).text();
    if (request == null || request.isBlank()) {
      double score = calibrated(own.probability(), head.promptThreshold());
      String note = turns.request() != null ? "no user request before this reply: judged on its own text" : null;
      return result(turns.role(), score, normalise(own.categories()), own, judged, Double.NaN, note);
    }
    TextScorer.Scores req = requests.score(request, r -> scorer.score(r, 1));
    double[] replyLogits = scorer.replyLogits(judged.text());
    double refusal = replyLogits[0];
    double p = head.replyStack().probability(0, null, MetaFeatures.reply(req.logit(), own.logit(), refusal, replyLogits[1]));
    double[] mixed = new double[head.codes().size()];
    double[] rq = normalise(req.categories());
    double[] rp = normalise(own.categories());
    for (int k = 0; k < mixed.length; k++) {
      mixed[k] = req.probability() * rq[k] + own.probability() * rp[k];
    }
    return result(turns.role(), calibrated(p, head.replyThreshold()), normalise(mixed), own, judged, Softmax.sigmoid(refusal), null);
  }

  private Judgement result(String role, double score, double[] share, TextScorer.Scores own, NormalisedText judged,
      double refusal, String note) {
    double excludedShare = 0;
    for (int k = 0; k < share.length; k++) {
      if (options.excluded().contains(head.codes().get(k))) {
        excludedShare += share[k];
      }
    }
    // Excluded categories take their share of the unsafe score with them, as leaving them out of Llama Guard's prompt
    // makes the model call such content safe.
    double effective = excludedShare > 0 ? score * Math.max(0, 1 - excludedShare) : score;
    boolean flagged = effective >= options.threshold();
    Map<String, Double> perCategory = new LinkedHashMap<>();
    double top = 0;
    int topIndex = -1;
    for (int k = 0; k < share.length; k++) {
      String code = head.codes().get(k);
      if (options.excluded().contains(code)) {
        continue;
      }
      perCategory.put(code, effective * share[k]);
      if (share[k] > top) {
        top = share[k];
        topIndex = k;
      }
    }
    List<String> codes = new ArrayList<>();
    if (flagged) {
      for (int k = 0; k < share.length; k++) {
        String code = head.codes().get(k);
        // The most likely category always, others when they carry a good part of the mass (multi-label).
        if (!options.excluded().contains(code) && (k == topIndex || share[k] >= Math.max(0.3, 0.6 * top))) {
          codes.add(code);
        }
      }
    }
    String n = note;
    if (own.chunks() > own.chunksEncoded()) {
      String c = own.chunksEncoded() + " of " + own.chunks() + " chunks went through the encoder (the highest n-gram scores)";
      n = n == null ? c : n + "; " + c;
    }
    SafetyAssessment a = new SafetyAssessment(flagged, effective, codes, perCategory, SafetyAssessment.ScoreSource.CLASSIFIER, n);
    return new Judgement(a, role, judged.originalStart(own.start()), judged.originalEnd(own.end()), own.chunks(),
        own.chunksEncoded(), refusal, judged.original().length());
  }

  private Map<String, Double> zeroScores() {
    Map<String, Double> m = new LinkedHashMap<>();
    categories.forEach(c -> m.put(c.code(), 0.0));
    return m;
  }

  /** Maps a raw probability so that {@code operatingPoint} becomes 0.5; monotone, so ranking is unchanged. */
  public static double calibrated(double p, double operatingPoint) {
    double t = Math.max(1e-6, Math.min(1 - 1e-6, operatingPoint));
    double s = p < t ? 0.5 * p / t : 0.5 + 0.5 * (p - t) / (1 - t);
    return Math.max(0, Math.min(1, s));
  }

  private static double[] normalise(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = sum > 0 ? v[i] / sum : 1.0 / v.length;
    }
    return out;
  }

  @Override
  public void close() {
    if (encoder != null) {
      encoder.close();
    }
  }
}
