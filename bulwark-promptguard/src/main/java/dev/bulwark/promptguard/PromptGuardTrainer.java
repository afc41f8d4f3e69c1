package dev.bulwark.promptguard;

import dev.bulwark.promptguard.train.Licences;
import dev.bulwark.promptguard.train.PieceLabels;
import dev.bulwark.promptguard.train.TrainingSet;
import dev.bulwark.classifier.WindowedEmbedder;
import dev.bulwark.classifier.train.EmbeddingCache;
import dev.bulwark.classifier.train.CrossFittedTuning;
import dev.bulwark.classifier.train.EncoderTuning;
import dev.bulwark.classifier.tuned.EncoderDelta;
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
import dev.bulwark.classifier.data.LabelledText;
import dev.bulwark.classifier.data.OrdinarySources;
import dev.bulwark.classifier.data.BadRows;
import dev.bulwark.classifier.data.OrdinaryTraffic;
import dev.bulwark.promptguard.EmbeddedPromptGuard;
import dev.bulwark.promptguard.embedded.EncoderBranch;
import dev.bulwark.promptguard.embedded.LexicalScorer;
import dev.bulwark.promptguard.embedded.MetaFeatures;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains the embedded Prompt Guard head, reproducibly: the same data and seed give the same head.
 *
 * <ol>
 *   <li>normalise every text; count its n-grams and statistics, and those of its pieces (sentences, pairs, decoded
 *       runs);
 *   <li>k-fold cross-validation by group (translations, template variants, one GCG suffix stay together): per fold,
 *       IDF and the n-gram logistic regression are fitted on the other folds and score the held-out fold's documents
 *       and pieces; the MLP over MiniLM embeddings likewise;
 *   <li>the stacking models are fitted on those out-of-fold scores; their own out-of-fold scores (a second pass over
 *       the same folds) are what the report calls the dev numbers: no row is scored by a model that saw it;
 *   <li>the cascade band and the default threshold are chosen on out-of-fold scores;
 *   <li>the base models are refitted on all rows and written with the stacking models as one head file.
 * </ol>
 */
public final class PromptGuardTrainer {
  /**
   * L2 penalty of the n-gram regressions. Out of fold (2026-11-26, seed 42, licence-clean data, n-gram stage alone),
   * lowering it from 1e-4 to 3e-5, 1e-5 and 3e-6 raised recall at 1% FPR on the dev rows from 0.725 to 0.802, 0.835
   * and 0.841, and AUC on the held-out tool outputs (wording never trained on) from 0.886 to 0.911, 0.920 and 0.924,
   * with none of the 921 over-refusal prompts flagged: the stronger penalty had been underfitting. (Those held-out
   * numbers predate the removal of five training payloads that nearly copied test ones; the model card has the clean
   * numbers of the shipped head.)
   */
  public static final double DEFAULT_L2 = 3e-6;

  /** Out of fold, the default threshold flags at most this share of ordinary traffic (the goal is 0.5%, with margin). */
  public static final double DEFAULT_ORDINARY_FLAG_RATE = 0.003;

  /**
   * @param data labelled JSONL (benign / injection / jailbreak)
   * @param excludeRestrictive drop copyleft and share-alike sources (EasyJailbreak GPL-3.0, BIPIA CC-BY-SA tables/code)
   * @param toolOutputDocs how many of the project's generated tool-output documents to add (train split)
   * @param encoder train the MiniLM stage too
   * @param embeddingCache file caching embeddings between runs, or null
   */
  public record Options(Path data, long seed, boolean excludeRestrictive, int toolOutputDocs, int folds, boolean encoder,
      Path embeddingCache, int bits, double l2, OrdinarySources ordinary, BadRows badRows, PrintWriter log,
      EncoderTuning tuning, int tuningFolds) {
    public Options {
      if (tuning != null && tuningFolds < 2) {
        throw new IllegalArgumentException("fine-tuning needs at least 2 folds for out-of-fold scores, got " + tuningFolds);
      }
    }

    /** With the MLP over frozen MiniLM embeddings as the encoder stage. */
    public Options(Path data, long seed, boolean excludeRestrictive, int toolOutputDocs, int folds, boolean encoder,
        Path embeddingCache, int bits, double l2, OrdinarySources ordinary, BadRows badRows, PrintWriter log) {
      this(data, seed, excludeRestrictive, toolOutputDocs, folds, encoder, embeddingCache, bits, l2, ordinary, badRows, log, null, 0);
    }

    /**
     * The encoder stage fine-tuned with {@code tuning}: {@code folds} cross-fitted runs give every row a score from a
     * model that did not see it (for the stacking), and a last run on all rows is the encoder that ships.
     */
    public Options withTuning(EncoderTuning t, int folds) {
      return new Options(data, seed, excludeRestrictive, toolOutputDocs, this.folds, true, embeddingCache, bits, l2, ordinary, badRows,
          log, t, folds);
    }

    /** Without ordinary traffic beyond the data file. */
    public Options(Path data, long seed, boolean excludeRestrictive, int toolOutputDocs, int folds, boolean encoder,
        Path embeddingCache, int bits, double l2, PrintWriter log) {
      this(data, seed, excludeRestrictive, toolOutputDocs, folds, encoder, embeddingCache, bits, l2, OrdinarySources.none(),
          BadRows.failFast(), log);
    }
  }

  /**
   * Texts of at most this many characters always go through the encoder (see {@link EmbeddedHead#shortText()}). The
   * shipped head before this rule blocked "hi" (0.995) and "Can you help me?" (0.996) on n-gram evidence alone;
   * MiniLM costs 2-4 ms on such a text.
   */
  public static final int SHORT_TEXT = 200;

  /** The trained head, the out-of-fold scores of every training row (cascade), and the report. */
  public record Result(EmbeddedHead head, List<ScoredExample> outOfFold, ObjectNode report) {}

  /**
   * A training row with its features. {@code pieceLabels}: 1 = the piece holds the attack's evidence, 0 = the piece
   * is benign (every piece of a benign row, the rest of an attack document), -1 = unknown (an attack whose evidence
   * could not be located): unknown pieces are not used as examples.
   */
  private record Row(LabelledText source, String text, boolean positive, SparseVector counts, float[] stats,
      List<SparseVector> pieceCounts, List<float[]> pieceStats, int[] pieceLabels, float weight) {}

  /** Benign pieces kept per document for the piece model (a seeded sample; all attack pieces are kept). */
  private static final int BENIGN_PIECES_PER_DOCUMENT = 4;

  /**
   * Pieces that stand in as the evidence of an attack whose evidence could not be located (a whole-prompt jailbreak):
   * the ones the fold's document model scores highest. Without them the piece model never sees a jailbreak sentence;
   * with 2, out of fold on the dev rows, recall at 1% FPR rose from 0.770 to 0.794 (2026-11-26).
   */
  private static final int STAND_IN_PIECES_PER_ATTACK = 2;

  public Result train(Options o) throws IOException {
    long started = System.nanoTime();
    PrintWriter log = o.log();
    List<LabelledText> data = TrainingSet.assemble(o.data(), o.excludeRestrictive(), o.toolOutputDocs(), o.seed(), o.ordinary(), o.badRows());
    o.badRows().problems().forEach(p -> log.println("skipped: " + p));
    log.printf("training rows: %d (%d attacks)%n", data.size(), data.stream().filter(LabelledText::malicious).count());
    HashedNgrams.Config config = new HashedNgrams.Config(o.bits(), 1, 5, 1, 2);
    HashedNgrams raw = new HashedNgrams(config, null);
    TextNormaliser normaliser = new TextNormaliser();
    var segmenter = EmbeddedPromptGuard.segmenter();
    Map<String, LabelledText> byId = new java.util.HashMap<>();
    data.forEach(r -> byId.put(r.id(), r));
    List<Row> rows = new ArrayList<>(data.size());
    int[] pieceCount = new int[3];
    for (LabelledText r : data) {
      String t = normaliser.normalise(r.text()).text();
      List<SparseVector> pc = new ArrayList<>();
      List<float[]> ps = new ArrayList<>();
      List<LexicalScorer.Piece> pieces = LexicalScorer.pieces(t, segmenter);
      for (LexicalScorer.Piece p : pieces) {
        pc.add(raw.counts(p.text()));
        ps.add(TextStatistics.of(p.text()));
      }
      int[] labels = PieceLabels.label(r, t, pieces, PieceLabels.evidence(r, byId), normaliser);
      for (int l : labels) {
        pieceCount[l + 1]++;
      }
      rows.add(new Row(r, t, r.malicious(), raw.counts(t), TextStatistics.of(t), pc, ps, labels, 1f));
    }
    log.printf("pieces: %d attack, %d benign, %d unknown%n", pieceCount[2], pieceCount[1], pieceCount[0]);
    rows = languageBalanced(rows, log);
    int n = rows.size();
    int[] fold = CrossValidation.folds(data.stream().map(TrainingSet::group).toList(), o.folds(), o.seed());
    log.printf("features counted in %.1f s; %d folds%n", (System.nanoTime() - started) / 1e9, o.folds());

    // 1. lexical base model, out of fold
    double[] docLogit = new double[n];
    double[] pieceLogit = new double[n];
    LogisticRegressionTrainer lrTrainer = new LogisticRegressionTrainer(o.l2(), 150);
    for (int f = 0; f < o.folds(); f++) {
      List<Integer> trainIdx = indices(fold, f, false);
      LexicalModel m = fitLexical(rows, trainIdx, config, lrTrainer);
      for (int i : indices(fold, f, true)) {
        double[] s = m.score(rows.get(i));
        docLogit[i] = s[0];
        pieceLogit[i] = s[1];
      }
      log.printf("lexical fold %d/%d done (%.1f s)%n", f + 1, o.folds(), (System.nanoTime() - started) / 1e9);
    }

    // 2. encoder base model, out of fold
    float[][] embeddings = null;
    double[] encLogit = new double[n];
    EncoderDelta tunedEncoder = null;
    ObjectNode tuningReport = null;
    if (o.tuning() != null) {
      tuningReport = HeadFile.newMetadata();
      encLogit = tuningRows(rows, data).outOfFold(o.tuning(), o.tuningFolds(), o.seed() + 1, tuningReport, log);
      log.printf("fine-tuned encoder folds done (%.1f s)%n", (System.nanoTime() - started) / 1e9);
    } else if (o.encoder()) {
      embeddings = embed(rows, o.embeddingCache(), log);
      for (int f = 0; f < o.folds(); f++) {
        Mlp mlp = fitMlp(rows, embeddings, indices(fold, f, false), o.seed());
        for (int i : indices(fold, f, true)) {
          encLogit[i] = mlp.logits(embeddings[i])[0];
        }
      }
      log.printf("encoder folds done (%.1f s)%n", (System.nanoTime() - started) / 1e9);
    }

    // 3. stacking on out-of-fold base scores; its own out-of-fold scores for the report
    float[][] lexFeatures = new float[n][];
    float[][] fullFeatures = new float[n][];
    for (int i = 0; i < n; i++) {
      lexFeatures[i] = MetaFeatures.lexical(new LexicalScorer.Scores(docLogit[i], pieceLogit[i], 0, 0, 0, rows.get(i).stats()));
      fullFeatures[i] = MetaFeatures.full(lexFeatures[i], encLogit[i]);
    }
    LogisticRegressionTrainer metaTrainer = new LogisticRegressionTrainer(1e-4, 500);
    double[] pLex = new double[n];
    double[] pFull = new double[n];
    for (int f = 0; f < o.folds(); f++) {
      List<Integer> tr = indices(fold, f, false);
      LogisticRegression ml = metaTrainer.fit(denseExamples(rows, lexFeatures, tr), 0, MetaFeatures.lexicalDimension());
      LogisticRegression mf = o.encoder() ? metaTrainer.fit(denseExamples(rows, fullFeatures, tr), 0, MetaFeatures.fullDimension()) : null;
      for (int i : indices(fold, f, true)) {
        pLex[i] = ml.probability(0, null, lexFeatures[i]);
        pFull[i] = mf == null ? pLex[i] : mf.probability(0, null, fullFeatures[i]);
      }
    }
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    LogisticRegression metaLexical = metaTrainer.fit(denseExamples(rows, lexFeatures, all), 0, MetaFeatures.lexicalDimension());
    LogisticRegression metaFull = o.encoder() ? metaTrainer.fit(denseExamples(rows, fullFeatures, all), 0, MetaFeatures.fullDimension()) : null;

    // 4. cascade band and threshold, on out-of-fold scores
    int shortText = o.encoder() ? SHORT_TEXT : 0;
    double[] band = o.encoder() ? chooseBand(pLex, pFull, rows, shortText) : new double[] {0, 1};
    double bandLow = band[0];
    double bandHigh = band[1];
    double[] cascade = cascade(pLex, pFull, rows, bandLow, bandHigh, shortText, o.encoder());
    int inBand = 0;
    for (int i = 0; i < n; i++) {
      inBand += o.encoder() && encoderRuns(pLex[i], rows.get(i), bandLow, bandHigh, shortText) ? 1 : 0;
    }
    double threshold = chooseThreshold(cascade, rows, o.ordinary().maxFlagRate());
    log.printf("band [%.4f, %.4f]: encoder on %d of %d rows (%.1f%%); threshold %.4f%n", bandLow, bandHigh, inBand, n,
        100.0 * inBand / n, threshold);

    // 5. final base models on all rows
    LexicalModel finalLexical = fitLexical(rows, all, config, lrTrainer);
    Mlp finalMlp = o.encoder() && o.tuning() == null ? fitMlp(rows, embeddings, all, o.seed()) : null;
    if (o.tuning() != null) {
      try (EncoderTuning.Tuned tuned = tuningRows(rows, data).tuneAll(o.tuning(), "final encoder, all rows")) {
        tuningReport.put("final_seconds", tuned.trainingSeconds());
        ObjectNode provenance = HeadFile.newMetadata();
        provenance.put("model", "prompt-guard").put("data", o.data().getFileName().toString()).put("rows", n).put("seed", o.seed())
            .put("tuning", o.tuning().description());
        tunedEncoder = tuned.delta(provenance);
      }
    }

    ObjectNode report = HeadFile.newMetadata();
    report.put("seed", o.seed());
    report.put("data", o.data().getFileName().toString());
    report.put("exclude_noncommercial", o.excludeRestrictive());
    report.put("rows", n);
    report.put("tool_output_docs", o.toolOutputDocs());
    report.put("folds", o.folds());
    report.put("ngram_bits", o.bits());
    report.put("l2", o.l2());
    report.put("encoder", o.encoder());
    report.put("band_low", bandLow);
    report.put("band_high", bandHigh);
    report.put("short_text", shortText);
    report.put("encoder_share_of_rows", (double) inBand / n);
    report.put("threshold", threshold);
    report.put("ordinary_rows", rows.stream().filter(r -> OrdinaryTraffic.ordinary(r.source())).count());
    report.put("ordinary_max_flag_rate", o.ordinary().maxFlagRate());
    report.put("ordinary_share_trained_percent", o.ordinary().sharePercent());
    ObjectNode licences = report.putObject("licences");
    Map<String, Integer> byLicence = new TreeMap<>();
    Map<String, String> sourceLicence = new TreeMap<>();
    for (Row r : rows) {
      byLicence.merge(Licences.of(r.source()), 1, Integer::sum);
      sourceLicence.merge(r.source().source(), Licences.of(r.source()),
          (a, b) -> a.contains(b) ? a : a + " + " + b);
    }
    byLicence.forEach(licences::put);
    ObjectNode sources = report.putObject("sources");
    sourceLicence.forEach(sources::put);
    ObjectNode oof = report.putObject("out_of_fold");
    putMetrics(oof.putObject("lexical_only"), pLex, rows, threshold);
    if (o.encoder()) {
      putMetrics(oof.putObject("stacked_always_encoder"), pFull, rows, threshold);
      putMetrics(oof.putObject(o.tuning() != null ? "fine_tuned_encoder_only" : "encoder_mlp_only"), sigmoid(encLogit), rows, threshold);
    }
    putMetrics(oof.putObject("cascade"), cascade, rows, threshold);
    oof.put("ordinary_flag_rate", flagRate(cascade, rows, threshold, r -> OrdinaryTraffic.ordinary(r)));
    ArrayNode base = report.putArray("base_models");
    base.add("n-gram LR: char 1-5 + word 1-2 grams hashed to 2^" + o.bits() + ", TF-IDF, + " + TextStatistics.dimension() + " text statistics; L2 " + o.l2());
    if (o.tuning() != null) {
      base.add(o.tuning().description());
      report.set("fine_tuning", tuningReport);
    } else if (o.encoder()) {
      base.add("MLP " + finalMlp.hidden() + " hidden over int8 all-MiniLM-L6-v2 mean embeddings of " + EncoderBranch.WINDOW_TOKENS + "-token windows");
    }

    List<ScoredExample> scored = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      LabelledText r = rows.get(i).source();
      scored.add(new ScoredExample(r.id(), cascade[i], r.malicious(), Map.of("label", r.label(), "lang", r.lang(),
          "category", r.category(), "source", r.source(), "role", r.role())));
    }
    EmbeddedHead head = new EmbeddedHead(finalLexical.ngrams(), finalLexical.regression(), finalLexical.pieces(), finalMlp, metaLexical, metaFull,
        bandLow, bandHigh, shortText, threshold, Map.of(), report, tunedEncoder);
    log.printf("trained in %.1f s%n", (System.nanoTime() - started) / 1e9);
    return new Result(head, scored, report);
  }

  /** The cascade's scores as {@link EmbeddedPromptGuard#cascadeScore} computes them at inference. */
  /**
   * Most non-English text in the training data is attacks (the dev set's translated injections), so the models learn a
   * script or a language as evidence of an attack: the previous trainer's head blocked "नमस्ते, क्या आप मेरी मदद कर सकते
   * हैं?" and a Vietnamese "can you help me". Benign rows of a language whose benign-to-attack ratio is below the whole
   * set's get weight ratio_all / ratio_language (at most {@link #MAX_LANGUAGE_WEIGHT}), so no language carries an
   * attack prior of its own.
   */
  static final float MAX_LANGUAGE_WEIGHT = 5f;

  private static List<Row> languageBalanced(List<Row> rows, PrintWriter log) {
    Map<String, int[]> counts = new TreeMap<>();
    int benign = 0;
    int attacks = 0;
    for (Row r : rows) {
      int[] c = counts.computeIfAbsent(r.source().lang(), k -> new int[2]);
      c[r.positive() ? 1 : 0]++;
      benign += r.positive() ? 0 : 1;
      attacks += r.positive() ? 1 : 0;
    }
    double overall = attacks == 0 ? 1 : (double) benign / attacks;
    Map<String, Float> weight = new TreeMap<>();
    counts.forEach((lang, c) -> {
      if (!lang.isEmpty() && c[0] > 0 && c[1] > 0 && (double) c[0] / c[1] < overall) {
        weight.put(lang, (float) Math.min(MAX_LANGUAGE_WEIGHT, overall * c[1] / c[0]));
      }
    });
    if (!weight.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      weight.forEach((l, w) -> sb.append(String.format(" %s=%.2f", l, w)));
      log.println("benign weight per language (balancing attack-heavy languages):" + sb);
    }
    List<Row> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      Float w = r.positive() ? null : weight.get(r.source().lang());
      out.add(w == null ? r : new Row(r.source(), r.text(), r.positive(), r.counts(), r.stats(), r.pieceCounts(), r.pieceStats(),
          r.pieceLabels(), w));
    }
    return out;
  }

  private static double[] cascade(double[] pLex, double[] pFull, List<Row> rows, double low, double high, int shortText,
      boolean encoder) {
    double[] out = new double[pLex.length];
    for (int i = 0; i < out.length; i++) {
      if (!encoder) {
        out[i] = pLex[i];
      } else if (rows.get(i).text().length() <= shortText) {
        out[i] = pFull[i];
      } else {
        boolean uncertain = pLex[i] >= low && pLex[i] <= high;
        out[i] = uncertain ? Math.max(low, Math.min(high, pFull[i])) : pLex[i];
      }
    }
    return out;
  }

  private static boolean encoderRuns(double pLex, Row row, double low, double high, int shortText) {
    return row.text().length() <= shortText || (pLex >= low && pLex <= high);
  }

  private static double flagRate(double[] scores, List<Row> rows, double threshold, java.util.function.Predicate<LabelledText> keep) {
    int n = 0;
    int flagged = 0;
    for (int i = 0; i < rows.size(); i++) {
      if (keep.test(rows.get(i).source())) {
        n++;
        flagged += scores[i] >= threshold ? 1 : 0;
      }
    }
    return n == 0 ? 0 : (double) flagged / n;
  }

  /**
   * The narrowest uncertain band (fewest rows sent to the encoder) whose cascade keeps, out of fold, the AUC within
   * 0.0005 and the recall at 1% FPR within 0.005 of running the encoder on every row. Candidates: lower bounds at
   * low quantiles of the attacks' lexical scores, upper bounds at high quantiles of the benign rows'.
   */
  private static double[] chooseBand(double[] pLex, double[] pFull, List<Row> rows, int shortText) {
    double[] pos = select(pLex, rows, true);
    double[] neg = select(pLex, rows, false);
    double fullAuc = BinaryMetrics.auc(select(pFull, rows, true), select(pFull, rows, false));
    double fullRecall = BinaryMetrics.recallAtFpr(select(pFull, rows, true), select(pFull, rows, false), 0.01);
    double[] best = {quantile(pos, 0.002), quantile(neg, 0.999)};
    int bestCount = Integer.MAX_VALUE;
    for (double ql : new double[] {0.002, 0.005, 0.01, 0.02, 0.05, 0.1}) {
      for (double qh : new double[] {0.95, 0.98, 0.99, 0.995, 0.998, 0.999}) {
        double lo = quantile(pos, ql);
        double hi = Math.max(lo, quantile(neg, qh));
        double[] c = cascade(pLex, pFull, rows, lo, hi, shortText, true);
        double auc = BinaryMetrics.auc(select(c, rows, true), select(c, rows, false));
        double recall = BinaryMetrics.recallAtFpr(select(c, rows, true), select(c, rows, false), 0.01);
        int count = 0;
        for (int i = 0; i < pLex.length; i++) {
          count += encoderRuns(pLex[i], rows.get(i), lo, hi, shortText) ? 1 : 0;
        }
        if (auc >= fullAuc - 0.0005 && recall >= fullRecall - 0.005 && count < bestCount) {
          bestCount = count;
          best = new double[] {lo, hi};
        }
      }
    }
    return best;
  }

  /**
   * The decision threshold: 1% FPR on the curated benign rows, raised if needed to flag at most 2% of the over-refusal
   * rows and at most {@code maxOrdinary} of the ordinary-traffic rows (the goal is 0.5%; a margin below it
   * leaves room for traffic unlike the training rows).
   */
  /**
   * Out-of-fold false-positive rate on the dataset's benign rows at the threshold: the goal is 1% on held-out data,
   * and an out-of-fold rate moves by a few tenths of a point between samples of this size, hence the margin.
   */
  static final double DATASET_FPR = 0.008;

  private static double chooseThreshold(double[] scores, List<Row> rows, double maxOrdinary) {
    List<Double> curated = new ArrayList<>();
    List<Double> ordinary = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      LabelledText r = rows.get(i).source();
      if (rows.get(i).positive()) {
        continue;
      }
      if (OrdinaryTraffic.ordinary(r)) {
        ordinary.add(scores[i]);
      } else if (!Licences.of(r).startsWith("project")) {
        // The dataset's own benign rows: the project's generated documents are easier and would dilute the rate.
        curated.add(scores[i]);
      }
    }
    double[] neg = curated.stream().mapToDouble(Double::doubleValue).toArray();
    if (neg.length == 0) {
      neg = select(scores, rows, false);
    }
    double t = BinaryMetrics.thresholdForFpr(neg, DATASET_FPR);
    List<Double> over = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      String c = rows.get(i).source().category();
      if (!rows.get(i).positive() && (c.startsWith("cyber_frr") || c.startsWith("xstest"))) {
        over.add(scores[i]);
      }
    }
    if (!over.isEmpty()) {
      t = Math.max(t, BinaryMetrics.thresholdForFpr(over.stream().mapToDouble(Double::doubleValue).toArray(), 0.02));
    }
    if (!ordinary.isEmpty()) {
      t = Math.max(t, BinaryMetrics.thresholdForFpr(ordinary.stream().mapToDouble(Double::doubleValue).toArray(), maxOrdinary));
    }
    return t;
  }

  private static void putMetrics(ObjectNode node, double[] scores, List<Row> rows, double threshold) {
    double[] pos = select(scores, rows, true);
    double[] neg = select(scores, rows, false);
    node.put("auc", BinaryMetrics.auc(pos, neg));
    node.put("recall_at_1pct_fpr", BinaryMetrics.recallAtFpr(pos, neg, 0.01));
    BinaryMetrics.AtThreshold at = BinaryMetrics.atThreshold(pos, neg, threshold);
    node.put("precision_at_threshold", at.precision());
    node.put("recall_at_threshold", at.recall());
    node.put("fpr_at_threshold", at.fpr());
  }

  private static double[] sigmoid(double[] logits) {
    double[] p = new double[logits.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = dev.bulwark.classifier.Softmax.sigmoid(logits[i]);
    }
    return p;
  }

  private static double[] select(double[] scores, List<Row> rows, boolean positive) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).positive() == positive) {
        out.add(scores[i]);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double quantile(double[] values, double q) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, Math.max(0, Math.floor(q * s.length)))];
  }

  private static List<Integer> indices(int[] fold, int f, boolean inFold) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < fold.length; i++) {
      if ((fold[i] == f) == inFold) {
        out.add(i);
      }
    }
    return out;
  }

  private static List<Example> denseExamples(List<Row> rows, float[][] features, List<Integer> idx) {
    List<Example> out = new ArrayList<>(idx.size());
    for (int i : idx) {
      out.add(Example.binary(SparseVector.EMPTY, features[i], rows.get(i).positive(), rows.get(i).weight()));
    }
    return out;
  }

  /** The n-gram model of one fold (or of all rows), with the IDF fitted on the same rows. */
  private record LexicalModel(HashedNgrams ngrams, LogisticRegression regression, LogisticRegression pieces) {
    double[] score(Row r) {
      SparseVector v = ngrams.weigh(r.counts());
      double doc = regression.logit(0, v, r.stats());
      double best = pieces.logit(0, v, r.stats());
      for (int p = 0; p < r.pieceCounts().size(); p++) {
        double l = pieces.logit(0, ngrams.weigh(r.pieceCounts().get(p)), r.pieceStats().get(p));
        best = p == 0 ? l : Math.max(best, l);
      }
      return new double[] {doc, best};
    }
  }

  private static LexicalModel fitLexical(List<Row> rows, List<Integer> idx, HashedNgrams.Config config, LogisticRegressionTrainer trainer) {
    List<SparseVector> counts = new ArrayList<>(idx.size());
    for (int i : idx) {
      counts.add(rows.get(i).counts());
    }
    HashedNgrams ngrams = new HashedNgrams(config, HashedNgrams.idfFromCounts(config, counts));
    List<Example> examples = new ArrayList<>(idx.size());
    List<Example> pieceExamples = new ArrayList<>(idx.size() * 2);
    java.util.Random rnd = new java.util.Random(idx.size() * 31L + idx.get(0));
    for (int i : idx) {
      Row r = rows.get(i);
      Example doc = Example.binary(ngrams.weigh(r.counts()), r.stats(), r.positive(), r.weight());
      examples.add(doc);
      int[] labels = r.pieceLabels();
      if (labels.length == 0) {
        pieceExamples.add(doc); // a one-piece text is its own piece
        continue;
      }
      int benignLeft = BENIGN_PIECES_PER_DOCUMENT;
      int start = rnd.nextInt(labels.length);
      for (int k = 0; k < labels.length; k++) {
        int p = (start + k) % labels.length;
        if (labels[p] == 1 || (labels[p] == 0 && benignLeft-- > 0)) {
          pieceExamples.add(Example.binary(ngrams.weigh(r.pieceCounts().get(p)), r.pieceStats().get(p), labels[p] == 1, r.weight()));
        }
      }
    }
    int dense = rows.get(idx.get(0)).stats().length;
    LogisticRegression lr = trainer.fit(examples, config.dimension(), dense);
    addStandInPieces(rows, idx, ngrams, lr, pieceExamples);
    LogisticRegression pieces = trainer.fit(pieceExamples, config.dimension(), dense);
    return new LexicalModel(ngrams, lr, pieces);
  }

  /**
   * For every attack in {@code idx} whose evidence could not be located, the {@link #STAND_IN_PIECES_PER_ATTACK} pieces
   * that the document model {@code doc} scores highest, as attack pieces (multiple-instance learning: some piece of a
   * jailbreak carries it, and the document model knows best which).
   */
  private static void addStandInPieces(List<Row> rows, List<Integer> idx, HashedNgrams ngrams, LogisticRegression doc,
      List<Example> pieceExamples) {
    for (int i : idx) {
      Row r = rows.get(i);
      int[] labels = r.pieceLabels();
      if (!r.positive() || labels.length == 0 || Arrays.stream(labels).anyMatch(l -> l != -1)) {
        continue;
      }
      List<SparseVector> weighed = new ArrayList<>(labels.length);
      Integer[] order = new Integer[labels.length];
      double[] logit = new double[labels.length];
      for (int p = 0; p < labels.length; p++) {
        weighed.add(ngrams.weigh(r.pieceCounts().get(p)));
        order[p] = p;
        logit[p] = doc.logit(0, weighed.get(p), r.pieceStats().get(p));
      }
      Arrays.sort(order, (a, b) -> Double.compare(logit[b], logit[a]));
      for (int k = 0; k < Math.min(STAND_IN_PIECES_PER_ATTACK, order.length); k++) {
        pieceExamples.add(Example.binary(weighed.get(order[k]), r.pieceStats().get(order[k]), true, 1f));
      }
    }
  }

  /** The rows as the encoder is tuned on them: normalised texts, classes, weights, and the groups that share a fold. */
  private static CrossFittedTuning tuningRows(List<Row> rows, List<LabelledText> data) {
    boolean[] positive = new boolean[rows.size()];
    float[] weights = new float[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      positive[i] = rows.get(i).positive();
      weights[i] = rows.get(i).weight();
    }
    return new CrossFittedTuning(rows.stream().map(Row::text).toList(), positive, weights,
        data.stream().map(TrainingSet::group).toList());
  }

  private static Mlp fitMlp(List<Row> rows, float[][] embeddings, List<Integer> idx, long seed) {
    List<Example> examples = new ArrayList<>(idx.size());
    for (int i : idx) {
      examples.add(Example.binary(SparseVector.EMPTY, embeddings[i], rows.get(i).positive(), rows.get(i).weight()));
    }
    return new MlpTrainer(256, 40, 32, 1e-3, 1e-4, seed).fit(examples);
  }

  private static float[][] embed(List<Row> rows, Path cacheFile, PrintWriter log) throws IOException {
    return EmbeddingCache.embedAll(rows.stream().map(Row::text).toList(), cacheFile,
        () -> WindowedEmbedder.miniLm("prompt-guard-encoder", 0, false, Duration.ZERO, 1), log);
  }

}
