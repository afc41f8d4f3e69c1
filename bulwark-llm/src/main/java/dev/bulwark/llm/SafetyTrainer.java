package dev.bulwark.llm;

import dev.bulwark.llm.embedded.train.HandwrittenConversations;
import dev.bulwark.llm.embedded.train.ReplyCorpus;
import dev.bulwark.llm.embedded.train.ReplyModels;
import dev.bulwark.llm.SafetyData;
import dev.bulwark.llm.LabelledTurn;
import dev.bulwark.classifier.TunedEncoder;
import dev.bulwark.classifier.WindowedEmbedder;
import dev.bulwark.classifier.runtime.Threading;
import dev.bulwark.classifier.train.CrossFittedTuning;
import dev.bulwark.classifier.train.EncoderTuning;
import dev.bulwark.classifier.tuned.EncoderDelta;
import dev.bulwark.llm.embedded.PromptEncoder;
import dev.bulwark.classifier.train.EmbeddingCache;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.classifier.TextNormaliser;
import dev.bulwark.classifier.features.HashedNgrams;
import dev.bulwark.classifier.features.SparseVector;
import dev.bulwark.classifier.features.TextStatistics;
import dev.bulwark.classifier.head.Example;
import dev.bulwark.classifier.head.HeadFile;
import dev.bulwark.classifier.head.LogisticRegression;
import dev.bulwark.classifier.head.LogisticRegressionTrainer;
import dev.bulwark.classifier.head.Mlp;
import dev.bulwark.classifier.head.MlpTrainer;
import dev.bulwark.classifier.metrics.BinaryMetrics;
import dev.bulwark.classifier.metrics.ScoredExample;
import dev.bulwark.classifier.train.CrossValidation;
import dev.bulwark.classifier.data.OrdinarySources;
import dev.bulwark.classifier.data.BadRows;
import dev.bulwark.llm.LlamaGuardVersion;
import dev.bulwark.llm.EmbeddedSafetyClassifier;
import dev.bulwark.llm.embedded.MetaFeatures;
import dev.bulwark.llm.embedded.Sanitised;
import dev.bulwark.llm.embedded.TextScorer;
import dev.bulwark.llm.SafetyReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains the embedded Llama Guard head, reproducibly: the same data and seed give the same head.
 *
 * <ol>
 *   <li>normalise every prompt; count its n-grams and text statistics; embed it with MiniLM (cached between runs);
 *   <li>k-fold cross-validation by group: per fold, the n-gram regression (with its IDF), the MLP over embeddings and
 *       the per-code category model are fitted on the other folds and score the held-out fold;
 *   <li>the prompt stack is fitted on those out-of-fold scores; its own out-of-fold scores (a second pass over the
 *       same folds) are the dev numbers the report gives: no row is scored by a model that saw it;
 *   <li>the operating threshold is chosen on out-of-fold scores: a false-positive rate on all safe prompts and, often
 *       the binding one, a flag rate on the benign-but-alarming subgroup;
 *   <li>the base models are refitted on all prompts; the reply models (refusal detector and reply stack) are trained
 *       on the project's own generated conversations ({@link ReplyCorpus}, train split) scored by the final prompt
 *       model, again with grouped out-of-fold scores for the threshold; the held-out conversations are scored last.
 * </ol>
 */
public final class SafetyTrainer {
  /** L2 penalty of the n-gram regressions, the value the shipped head was trained with. */
  public static final double DEFAULT_L2 = 1e-4;

  /**
   * @param weakWeight example weight of the weakly labelled source's rows (when not excluded)
   * @param targetFpr false-positive rate on all safe prompts at the operating threshold (out of fold)
   * @param overRefusalFpr flag rate on benign-but-alarming prompts at the operating threshold (out of fold)
   * @param replyFpr false-positive rate on safe generated replies at the reply threshold (out of fold)
   */
  public record Options(Path data, long seed, boolean excludeNonCommercial, boolean excludeWeak, double weakWeight, int folds,
      boolean encoder, Path embeddingCache, int bits, double l2, double targetFpr, double overRefusalFpr, double replyFpr,
      boolean generatedPrompts, OrdinarySources ordinary, BadRows badRows, PrintWriter log, EncoderTuning tuning, int tuningFolds) {
    public Options {
      if (tuning != null && tuningFolds < 2) {
        throw new IllegalArgumentException("fine-tuning needs at least 2 folds for out-of-fold scores, got " + tuningFolds);
      }
    }

    /** With the MLP over frozen MiniLM embeddings as the encoder stage. */
    public Options(Path data, long seed, boolean excludeNonCommercial, boolean excludeWeak, double weakWeight, int folds,
        boolean encoder, Path embeddingCache, int bits, double l2, double targetFpr, double overRefusalFpr, double replyFpr,
        boolean generatedPrompts, OrdinarySources ordinary, BadRows badRows, PrintWriter log) {
      this(data, seed, excludeNonCommercial, excludeWeak, weakWeight, folds, encoder, embeddingCache, bits, l2, targetFpr,
          overRefusalFpr, replyFpr, generatedPrompts, ordinary, badRows, log, null, 0);
    }

    /**
     * The encoder stage fine-tuned with {@code t}: {@code folds} cross-fitted runs give every prompt a score from a model
     * that did not see it (for the stacking), and a last run on all prompts is the encoder that ships.
     */
    public Options withTuning(EncoderTuning t, int folds) {
      return new Options(data, seed, excludeNonCommercial, excludeWeak, weakWeight, this.folds, true, embeddingCache, bits, l2,
          targetFpr, overRefusalFpr, replyFpr, generatedPrompts, ordinary, badRows, log, t, folds);
    }

    /** Without ordinary traffic beyond the data file. */
    public Options(Path data, long seed, boolean excludeNonCommercial, boolean excludeWeak, double weakWeight, int folds,
        boolean encoder, Path embeddingCache, int bits, double l2, double targetFpr, double overRefusalFpr, double replyFpr,
        boolean generatedPrompts, PrintWriter log) {
      this(data, seed, excludeNonCommercial, excludeWeak, weakWeight, folds, encoder, embeddingCache, bits, l2, targetFpr,
          overRefusalFpr, replyFpr, generatedPrompts, OrdinarySources.none(), BadRows.failFast(), log);
    }
  }

  /** Out of fold, the operating threshold flags at most this share of ordinary traffic (the goal is 1%, with margin). */
  public static final double DEFAULT_ORDINARY_FLAG_RATE = 0.005;

  /**
   * @param outOfFold every training prompt's and generated train reply's out-of-fold score (calibrated scale)
   * @param heldoutReplies the held-out generated conversations (never trained on)
   * @param heldoutScores their scores by the final classifier
   */
  public record Result(SafetyHead head, List<ScoredExample> outOfFold, List<LabelledTurn> heldoutReplies,
      List<ScoredExample> heldoutScores, List<ScoredExample> handwrittenScores, ObjectNode report) {}

  private record Row(LabelledTurn source, String text, boolean unsafe, int code, SparseVector counts, float[] stats, float weight) {}

  private static final List<String> CODES = LlamaGuardVersion.LLAMA_GUARD_3_8B.defaultCategories().stream().map(c -> c.code()).toList();

  public Result train(Options o) throws IOException {
    long started = System.nanoTime();
    PrintWriter log = o.log();
    List<LabelledTurn> data = new ArrayList<>(SafetyData.load(o.data(), o.excludeNonCommercial(), o.excludeWeak(), o.badRows()));
    ReplyCorpus corpus = new ReplyCorpus();
    if (o.generatedPrompts()) {
      data.addAll(corpus.prompts(ReplyCorpus.Split.TRAIN, Integer.MAX_VALUE, o.seed()));
    }
    data.addAll(SafetyData.ordinary(o.ordinary(), o.badRows()));
    o.badRows().problems().forEach(p -> log.println("skipped: " + p));
    log.printf("training prompts: %d (%d unsafe)%n", data.size(), data.stream().filter(LabelledTurn::unsafe).count());
    HashedNgrams.Config config = new HashedNgrams.Config(o.bits(), 2, 5, 1, 2);
    HashedNgrams raw = new HashedNgrams(config, null);
    TextNormaliser normaliser = new TextNormaliser();
    List<Row> rows = new ArrayList<>(data.size());
    for (LabelledTurn r : data) {
      String t = normaliser.normalise(Sanitised.text(r.text())).text();
      // Generated prompts repeat each goal in every request template: half weight each.
      float w = SafetyData.weak(r) ? (float) o.weakWeight() : SafetyData.generated(r.source()) ? 0.5f : 1f;
      rows.add(new Row(r, t, r.unsafe(), CODES.indexOf(r.code()), raw.counts(t), TextStatistics.of(t), w));
    }
    int n = rows.size();
    int[] fold = CrossValidation.folds(data.stream().map(SafetyData::group).toList(), o.folds(), o.seed());
    float[][] embeddings = null;
    double[] tunedLogit = null;
    EncoderDelta tunedEncoder = null;
    ObjectNode tuningReport = null;
    if (o.tuning() != null) {
      // The fine-tuned encoder's logit (out of fold) feeds the stack; the final encoder's pooled output is the
      // embedding the category model reads, as at inference.
      tuningReport = HeadFile.newMetadata();
      CrossFittedTuning tuning = tuningRows(rows, data);
      tunedLogit = tuning.outOfFold(o.tuning(), o.tuningFolds(), o.seed() + 1, tuningReport, log);
      try (EncoderTuning.Tuned tuned = tuning.tuneAll(o.tuning(), "final encoder, all prompts")) {
        tuningReport.put("final_seconds", tuned.trainingSeconds());
        ObjectNode provenance = HeadFile.newMetadata();
        provenance.put("model", "llama-guard").put("data", o.data().getFileName().toString()).put("rows", n).put("seed", o.seed())
            .put("tuning", o.tuning().description());
        tunedEncoder = tuned.delta(provenance);
      }
      embeddings = tunedEmbeddings(rows, tunedEncoder, log);
    } else if (o.encoder()) {
      embeddings = embed(rows, o.embeddingCache(), log);
    }
    log.printf("features ready (%.1f s)%n", seconds(started));

    // 1. base models, out of fold
    LogisticRegressionTrainer lrTrainer = new LogisticRegressionTrainer(o.l2(), 150);
    LogisticRegressionTrainer categoryTrainer = new LogisticRegressionTrainer(o.l2(), 100);
    double[] lexLogit = new double[n];
    double[] encLogit = new double[n];
    double[][] catProb = new double[n][];
    for (int f = 0; f < o.folds(); f++) {
      List<Integer> train = indices(fold, f, false);
      List<Integer> held = indices(fold, f, true);
      HashedNgrams ngrams = fitIdf(rows, train, config);
      LogisticRegression lex = fitLexical(rows, train, ngrams, lrTrainer);
      LogisticRegression cats = fitCategories(rows, embeddings, train, ngrams, categoryTrainer);
      Mlp mlp = o.encoder() && tunedLogit == null ? fitMlp(rows, embeddings, train, o.seed()) : null;
      for (int i : held) {
        SparseVector v = ngrams.weigh(rows.get(i).counts());
        lexLogit[i] = lex.logit(0, v, rows.get(i).stats());
        encLogit[i] = tunedLogit != null ? tunedLogit[i] : mlp == null ? 0 : mlp.logits(embeddings[i])[0];
        catProb[i] = cats.probabilities(v, dense(embeddings, i));
      }
      log.printf("fold %d/%d done (%.1f s)%n", f + 1, o.folds(), seconds(started));
    }

    // 2. prompt stack on out-of-fold base scores, and its own out-of-fold scores
    float[][] meta = new float[n][];
    for (int i = 0; i < n; i++) {
      meta[i] = MetaFeatures.prompt(lexLogit[i], encLogit[i], o.encoder());
    }
    LogisticRegressionTrainer metaTrainer = new LogisticRegressionTrainer(1e-4, 500);
    double[] pPrompt = new double[n];
    double[] pLexical = new double[n];
    for (int f = 0; f < o.folds(); f++) {
      List<Integer> tr = indices(fold, f, false);
      LogisticRegression m = metaTrainer.fit(denseExamples(rows, meta, tr), 0, MetaFeatures.promptDimension(o.encoder()));
      for (int i : indices(fold, f, true)) {
        pPrompt[i] = m.probability(0, null, meta[i]);
        pLexical[i] = dev.bulwark.classifier.Softmax.sigmoid(lexLogit[i]);
      }
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(pPrompt[i])) {
        throw new IllegalStateException("row " + rows.get(i).source().id() + " got a non-finite out-of-fold score; its features"
            + " are damaged (a corrupt embedding cache?)");
      }
    }
    List<Integer> all = range(n);
    LogisticRegression promptStack = metaTrainer.fit(denseExamples(rows, meta, all), 0, MetaFeatures.promptDimension(o.encoder()));

    // 3. operating threshold on out-of-fold scores
    double promptThreshold = chooseThreshold(pPrompt, rows, o.targetFpr(), o.overRefusalFpr(), o.ordinary().maxFlagRate());
    log.printf("prompt threshold %.4f (raw probability)%n", promptThreshold);

    // 4. final base models on all prompts
    HashedNgrams ngrams = fitIdf(rows, all, config);
    LogisticRegression lexical = fitLexical(rows, all, ngrams, lrTrainer);
    LogisticRegression categories = fitCategories(rows, embeddings, all, ngrams, categoryTrainer);
    Mlp mlp = o.encoder() && tunedEncoder == null ? fitMlp(rows, embeddings, all, o.seed()) : null;
    log.printf("final prompt models fitted (%.1f s)%n", seconds(started));

    // 5. reply models on the generated conversations
    List<LabelledTurn> replyRows = new ArrayList<>(corpus.generate(ReplyCorpus.Split.TRAIN, o.seed()));
    replyRows.addAll(HandwrittenConversations.read(ReplyCorpus.Split.TRAIN));
    List<LabelledTurn> heldout = corpus.generate(ReplyCorpus.Split.TEST, o.seed());
    LogisticRegression noRefusal = zero(config.dimension(), TextStatistics.dimension(), 1);
    LogisticRegression noStack = zero(0, MetaFeatures.replyDimension(), 1);
    SafetyHead promptOnly = new SafetyHead(ngrams, lexical, mlp, promptStack, categories, noRefusal, noStack, CODES, promptThreshold, 0.5,
        HeadFile.newMetadata(), tunedEncoder);
    java.util.Map<String, Double> requestLogits = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      if (rows.get(i).source().source().equals(ReplyCorpus.PROMPT_SOURCE)) {
        requestLogits.put(rows.get(i).text(), MetaFeatures.logit(pPrompt[i]));
      }
    }
    ReplyModels replies;
    try (PromptEncoder encoder = tunedEncoder != null
        ? PromptEncoder.tuned(TunedEncoder.miniLm(tunedEncoder, "the tuned encoder", Threading.of(1)), true)
        : o.encoder() ? PromptEncoder.frozen(WindowedEmbedder.miniLm("llama-guard-encoder", 1, false, Duration.ZERO, 2), mlp, true) : null) {
      replies = ReplyModels.train(replyRows, new TextScorer(promptOnly, encoder), ngrams, normaliser, requestLogits, lrTrainer,
          new LogisticRegressionTrainer(1e-3, 500), o.folds(), o.seed(), o.replyFpr());
    }
    log.printf("reply models fitted on %d generated conversations; reply threshold %.4f (%.1f s)%n", replyRows.size(),
        replies.threshold(), seconds(started));

    // 6. report
    ObjectNode report = HeadFile.newMetadata();
    report.put("seed", o.seed());
    report.put("data", o.data().getFileName().toString());
    report.put("exclude_noncommercial", o.excludeNonCommercial());
    report.put("exclude_weak", o.excludeWeak());
    report.put("weak_weight", o.weakWeight());
    report.put("prompts", n);
    report.put("generated_prompts", o.generatedPrompts());
    report.put("generated_replies_train", replyRows.size());
    report.put("generated_replies_heldout", heldout.size());
    report.put("folds", o.folds());
    report.put("ngram_bits", o.bits());
    report.put("l2", o.l2());
    report.put("encoder", o.encoder());
    report.put("prompt_threshold_raw", promptThreshold);
    report.put("reply_threshold_raw", replies.threshold());
    report.put("target_fpr", o.targetFpr());
    report.put("over_refusal_fpr", o.overRefusalFpr());
    report.put("ordinary_max_flag_rate", o.ordinary().maxFlagRate());
    report.put("ordinary_share_trained_percent", o.ordinary().sharePercent());
    report.put("ordinary_rows", rows.stream().filter(r -> SafetyData.ordinary(r.source())).count());
    report.put("ordinary_flag_rate_out_of_fold", BinaryMetrics.fractionAbove(select(pPrompt, rows, r -> SafetyData.ordinary(r.source())),
        promptThreshold, true));
    ObjectNode sources = report.putObject("sources");
    Map<String, Integer> counts = new TreeMap<>();
    rows.forEach(r -> counts.merge(r.source().source(), 1, Integer::sum));
    counts.forEach((s, c) -> sources.putObject(s).put("rows", c).put("licence", SafetyData.licence(s)).put("weak", SafetyData.WEAK.contains(s)));
    sources.putObject(ReplyCorpus.SOURCE).put("rows", replyRows.size()).put("licence", SafetyData.licence(ReplyCorpus.SOURCE)).put("weak", false);
    ArrayNode base = report.putArray("models");
    base.add("n-gram LR: char 2-5 + word 1-2 grams hashed to 2^" + o.bits() + ", TF-IDF, + " + TextStatistics.dimension() + " text statistics; L2 " + o.l2());
    if (tunedEncoder != null) {
      base.add(o.tuning().description());
      report.set("fine_tuning", tuningReport);
    } else if (o.encoder()) {
      base.add("MLP " + mlp.hidden() + " hidden over int8 all-MiniLM-L6-v2 mean embeddings of " + WindowedEmbedder.WINDOW_TOKENS + "-token windows");
    }
    base.add("prompt stack: LR over the base logits");
    base.add("categories: one sigmoid per S-code over n-grams" + (tunedEncoder != null ? " + the tuned encoder's unit pooled output"
        : o.encoder() ? " + unit MiniLM embedding" : "") + ", trained on unsafe rows");
    base.add("reply: refusal LR over the reply's n-grams; reply stack LR over request logit, reply logit, refusal logit and products");
    ObjectNode oofNode = report.putObject("out_of_fold");
    List<ScoredExample> oof = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      LabelledTurn r = rows.get(i).source();
      oof.add(new ScoredExample(r.id(), EmbeddedSafetyClassifier.calibrated(pPrompt[i], promptThreshold), r.unsafe(),
          SafetyReport.attributes(r, predictedCodes(catProb[i]))));
    }
    List<ScoredExample> lexOnly = new ArrayList<>();
    double lexThreshold = chooseThreshold(pLexical, rows, o.targetFpr(), o.overRefusalFpr(), o.ordinary().maxFlagRate());
    for (int i = 0; i < n; i++) {
      LabelledTurn r = rows.get(i).source();
      lexOnly.add(new ScoredExample(r.id(), EmbeddedSafetyClassifier.calibrated(pLexical[i], lexThreshold), r.unsafe(),
          SafetyReport.attributes(r, List.of())));
    }
    oof.addAll(replies.outOfFold());
    SafetyReport sr = new SafetyReport(0.5);
    oofNode.set("stacked", sr.json(oof));
    oofNode.set("ngram_only", new SafetyReport(0.5).json(lexOnly));
    if (tunedLogit != null) {
      List<ScoredExample> encOnly = new ArrayList<>();
      double[] pEnc = new double[n];
      for (int i = 0; i < n; i++) {
        pEnc[i] = dev.bulwark.classifier.Softmax.sigmoid(tunedLogit[i]);
      }
      double encThreshold = chooseThreshold(pEnc, rows, o.targetFpr(), o.overRefusalFpr(), o.ordinary().maxFlagRate());
      for (int i = 0; i < n; i++) {
        LabelledTurn r = rows.get(i).source();
        encOnly.add(new ScoredExample(r.id(), EmbeddedSafetyClassifier.calibrated(pEnc[i], encThreshold), r.unsafe(),
            SafetyReport.attributes(r, List.of())));
      }
      oofNode.set("fine_tuned_encoder_only", new SafetyReport(0.5).json(encOnly));
    }
    oofNode.set("tradeoff", tradeoff(pPrompt, rows));

    SafetyHead head = new SafetyHead(ngrams, lexical, mlp, promptStack, categories, replies.refusal(), replies.stack(), CODES,
        promptThreshold, replies.threshold(), report, tunedEncoder);
    List<ScoredExample> heldoutScores = new ArrayList<>();
    try (EmbeddedSafetyClassifier classifier = new EmbeddedSafetyClassifier(head, EmbeddedSafetyClassifier.Options.defaults())) {
      for (LabelledTurn r : heldout) {
        var a = classifier.assess(r.conversation());
        heldoutScores.add(new ScoredExample(r.id(), a.score(), r.unsafe(), SafetyReport.attributes(r, a.flaggedCodes())));
      }
    }
    report.set("heldout_replies", sr.json(heldoutScores));
    List<ScoredExample> handwrittenScores = new ArrayList<>();
    try (EmbeddedSafetyClassifier classifier = new EmbeddedSafetyClassifier(head, EmbeddedSafetyClassifier.Options.defaults())) {
      for (LabelledTurn r : HandwrittenConversations.read(ReplyCorpus.Split.TEST)) {
        var a = classifier.assess(r.conversation());
        handwrittenScores.add(new ScoredExample(r.id(), a.score(), r.unsafe(), SafetyReport.attributes(r, a.flaggedCodes())));
      }
    }
    report.set("handwritten_replies_test", sr.json(handwrittenScores));
    log.printf("trained in %.1f s%n", seconds(started));
    return new Result(head, oof, heldout, heldoutScores, handwrittenScores, report);
  }

  /** Recall and flag rates at the thresholds that meet several over-refusal targets: the trade-off the card shows. */
  private static ObjectNode tradeoff(double[] p, List<Row> rows) {
    ObjectNode out = HeadFile.newMetadata();
    double[] over = select(p, rows, r -> SafetyData.overRefusal(r.source()));
    double[] safe = select(p, rows, r -> !r.unsafe() && !SafetyData.generated(r.source().source()));
    double[] xstest = select(p, rows, r -> SafetyData.overRefusal(r.source()) && r.source().source().equals("xstest"));
    double[] unsafeClean = select(p, rows, r -> r.unsafe() && !SafetyData.weak(r.source()) && !SafetyData.generated(r.source().source()));
    double[] unsafeWeak = select(p, rows, r -> r.unsafe() && SafetyData.weak(r.source()));
    if (over.length == 0) {
      // Data without benign-but-alarming prompts has no trade-off to show; the rest of the report stands.
      out.put("note", "no benign-but-alarming prompts (XSTest, cyber FRR) in the training data");
      return out;
    }
    for (double target : new double[] {0.01, 0.02, 0.03, 0.05, 0.10}) {
      double t = BinaryMetrics.thresholdForFpr(over, target);
      ObjectNode row = out.putObject("over_refusal_" + target);
      row.put("threshold_raw", t);
      row.put("over_refusal_flag_rate", BinaryMetrics.fractionAbove(over, t, true));
      row.put("xstest_safe_flag_rate", BinaryMetrics.fractionAbove(xstest, t, true));
      row.put("safe_fpr", BinaryMetrics.fractionAbove(safe, t, true));
      row.put("recall_without_weak", BinaryMetrics.fractionAbove(unsafeClean, t, true));
      if (unsafeWeak.length > 0) {
        row.put("recall_weak", BinaryMetrics.fractionAbove(unsafeWeak, t, true));
      }
    }
    return out;
  }

  /** The most likely code and the codes that carry a good part of the category mass (as the classifier reports them). */
  private static List<String> predictedCodes(double[] p) {
    double sum = 0;
    int top = 0;
    for (int k = 0; k < p.length; k++) {
      sum += p[k];
      if (p[k] > p[top]) {
        top = k;
      }
    }
    List<String> out = new ArrayList<>();
    for (int k = 0; k < p.length; k++) {
      double share = p[k] / Math.max(1e-12, sum);
      if (k == top || share >= Math.max(0.3, 0.6 * p[top] / Math.max(1e-12, sum))) {
        out.add(CODES.get(k));
      }
    }
    return out;
  }

  /**
   * The lowest threshold meeting every rate: {@code targetFpr} on the curated safe rows, {@code overRefusalFpr} on the
   * benign-but-alarming subgroup, {@code ordinaryFpr} on everyday traffic.
   */
  static double chooseThreshold(double[] p, List<Row> rows, double targetFpr, double overRefusalFpr, double ordinaryFpr) {
    // On the dataset's rows only: the generated prompts are the project's own and easier.
    double t = BinaryMetrics.thresholdForFpr(select(p, rows, r -> !r.unsafe() && !SafetyData.generated(r.source().source())
        && !SafetyData.ordinary(r.source())), targetFpr);
    double[] over = select(p, rows, r -> SafetyData.overRefusal(r.source()));
    if (over.length > 0) {
      t = Math.max(t, BinaryMetrics.thresholdForFpr(over, overRefusalFpr));
    }
    double[] ordinary = select(p, rows, r -> SafetyData.ordinary(r.source()));
    if (ordinary.length > 0) {
      t = Math.max(t, BinaryMetrics.thresholdForFpr(ordinary, ordinaryFpr));
    }
    return Math.min(t, 0.999);
  }

  private static double[] select(double[] p, List<Row> rows, java.util.function.Predicate<Row> keep) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (keep.test(rows.get(i))) {
        out.add(p[i]);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static HashedNgrams fitIdf(List<Row> rows, List<Integer> idx, HashedNgrams.Config config) {
    List<SparseVector> counts = new ArrayList<>(idx.size());
    for (int i : idx) {
      counts.add(rows.get(i).counts());
    }
    return new HashedNgrams(config, HashedNgrams.idfFromCounts(config, counts));
  }

  private static LogisticRegression fitLexical(List<Row> rows, List<Integer> idx, HashedNgrams ngrams, LogisticRegressionTrainer trainer) {
    List<Example> examples = new ArrayList<>(idx.size());
    for (int i : idx) {
      Row r = rows.get(i);
      examples.add(Example.binary(ngrams.weigh(r.counts()), r.stats(), r.unsafe(), r.weight()));
    }
    return trainer.fit(examples, ngrams.dimension(), TextStatistics.dimension());
  }

  /** One sigmoid per code over the unsafe rows with a known code: P(code | unsafe). */
  private static LogisticRegression fitCategories(List<Row> rows, float[][] embeddings, List<Integer> idx, HashedNgrams ngrams,
      LogisticRegressionTrainer trainer) {
    List<Example> examples = new ArrayList<>();
    for (int i : idx) {
      Row r = rows.get(i);
      if (r.code() < 0) {
        continue;
      }
      float[] t = new float[CODES.size()];
      t[r.code()] = 1;
      examples.add(new Example(ngrams.weigh(r.counts()), dense(embeddings, i), t, r.weight()));
    }
    return trainer.fit(examples, ngrams.dimension(), embeddings == null ? 0 : embeddings[0].length);
  }

  private static float[] dense(float[][] embeddings, int i) {
    return embeddings == null ? new float[0] : MetaFeatures.unit(embeddings[i]);
  }

  private static Mlp fitMlp(List<Row> rows, float[][] embeddings, List<Integer> idx, long seed) {
    List<Example> examples = new ArrayList<>(idx.size());
    for (int i : idx) {
      examples.add(Example.binary(SparseVector.EMPTY, embeddings[i], rows.get(i).unsafe(), rows.get(i).weight()));
    }
    return new MlpTrainer(256, 40, 32, 1e-3, 1e-4, seed).fit(examples);
  }

  private static List<Example> denseExamples(List<Row> rows, float[][] features, List<Integer> idx) {
    List<Example> out = new ArrayList<>(idx.size());
    for (int i : idx) {
      out.add(Example.binary(SparseVector.EMPTY, features[i], rows.get(i).unsafe(), rows.get(i).weight()));
    }
    return out;
  }

  static LogisticRegression zero(int sparse, int dense, int outputs) {
    float[][] w = new float[outputs][sparse + dense];
    return new LogisticRegression(sparse, dense, w, new float[outputs]);
  }

  public static List<Integer> indices(int[] fold, int f, boolean inFold) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < fold.length; i++) {
      if ((fold[i] == f) == inFold) {
        out.add(i);
      }
    }
    return out;
  }

  public static List<Integer> range(int n) {
    List<Integer> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }

  private static double seconds(long started) {
    return (System.nanoTime() - started) / 1e9;
  }

  /** The prompts as the encoder is tuned on them: normalised texts, classes, weights, and the groups that share a fold. */
  private static CrossFittedTuning tuningRows(List<Row> rows, List<LabelledTurn> data) {
    boolean[] positive = new boolean[rows.size()];
    float[] weights = new float[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      positive[i] = rows.get(i).unsafe();
      weights[i] = rows.get(i).weight();
    }
    return new CrossFittedTuning(rows.stream().map(Row::text).toList(), positive, weights,
        data.stream().map(SafetyData::group).toList());
  }

  /** The tuned encoder's pooled output of every prompt, on ONNX Runtime as the scanner computes it. */
  private static float[][] tunedEmbeddings(List<Row> rows, EncoderDelta delta, PrintWriter log) {
    long started = System.nanoTime();
    float[][] out = new float[rows.size()][];
    Integer[] order = new Integer[rows.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // Batches of similar length waste little padding.
    java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> rows.get(i).text().length()));
    try (TunedEncoder encoder = TunedEncoder.miniLm(delta, "the tuned encoder", Threading.of(0))) {
      for (int s = 0; s < order.length; s += 16) {
        List<Integer> batch = java.util.Arrays.asList(order).subList(s, Math.min(order.length, s + 16));
        List<TunedEncoder.Output> o = encoder.outputs(batch.stream().map(i -> rows.get(i).text()).toList());
        for (int k = 0; k < batch.size(); k++) {
          out[batch.get(k)] = o.get(k).pooled();
        }
      }
    }
    log.printf("tuned encoder's pooled outputs of %d prompts (%.1f s)%n", rows.size(), seconds(started));
    return out;
  }

  private static float[][] embed(List<Row> rows, Path cacheFile, PrintWriter log) throws IOException {
    // One intra-op thread: on a busy machine two spinning ORT threads per call slow everything down.
    return EmbeddingCache.embedAll(rows.stream().map(Row::text).toList(), cacheFile,
        () -> WindowedEmbedder.miniLm("llama-guard-encoder", 1, false, Duration.ZERO, 2), log);
  }

}
