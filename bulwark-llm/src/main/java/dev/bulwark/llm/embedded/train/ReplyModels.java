package dev.bulwark.llm.embedded.train;

import dev.bulwark.llm.SafetyTrainer;
import dev.bulwark.llm.LabelledTurn;
import dev.bulwark.classifier.TextNormaliser;
import dev.bulwark.classifier.features.HashedNgrams;
import dev.bulwark.classifier.features.SparseVector;
import dev.bulwark.classifier.features.TextStatistics;
import dev.bulwark.classifier.head.Example;
import dev.bulwark.classifier.head.LogisticRegression;
import dev.bulwark.classifier.head.LogisticRegressionTrainer;
import dev.bulwark.classifier.metrics.BinaryMetrics;
import dev.bulwark.classifier.metrics.ScoredExample;
import dev.bulwark.classifier.train.CrossValidation;
import dev.bulwark.llm.EmbeddedSafetyClassifier;
import dev.bulwark.llm.embedded.MetaFeatures;
import dev.bulwark.llm.embedded.Sanitised;
import dev.bulwark.llm.embedded.TextScorer;
import dev.bulwark.llm.SafetyReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Agent-turn models, trained on conversations (generated and hand-written) already scored by the final prompt
 * model: a two-output regression over the reply's n-grams (it refuses; it is unsafe as a reply), and the reply stack
 * over (request logit, reply logit, refusal logit, harm logit).
 *
 * @param threshold the raw reply probability at the operating point
 * @param outOfFold every conversation's out-of-fold score (calibrated scale)
 */
public record ReplyModels(LogisticRegression refusal, LogisticRegression stack, double threshold, List<ScoredExample> outOfFold) {

  /**
   * @param requestLogits out-of-fold prompt-model logits of requests the prompt model was trained on (the generated
   *     prompts), by normalised text: a request the prompt model saw is never scored by it
   */
  public static ReplyModels train(List<LabelledTurn> rows, TextScorer scorer, HashedNgrams ngrams, TextNormaliser normaliser,
      Map<String, Double> requestLogits, LogisticRegressionTrainer lrTrainer, LogisticRegressionTrainer metaTrainer, int folds,
      long seed, double fpr) {
    int n = rows.size();
    Map<String, Double> promptLogits = new HashMap<>(requestLogits);
    double[] q = new double[n];
    double[] r = new double[n];
    SparseVector[] tfidf = new SparseVector[n];
    float[][] stats = new float[n][];
    boolean[] refuses = new boolean[n];
    for (int i = 0; i < n; i++) {
      LabelledTurn row = rows.get(i);
      String request = normaliser.normalise(Sanitised.text(row.request())).text();
      String reply = normaliser.normalise(Sanitised.text(row.text())).text();
      q[i] = promptLogits.computeIfAbsent(request, t -> scorer.score(t, 1).logit());
      r[i] = promptLogits.computeIfAbsent(reply, t -> scorer.score(t, 1).logit());
      tfidf[i] = ngrams.vector(reply);
      stats[i] = TextStatistics.of(reply);
      refuses[i] = refusal(row);
    }
    // Folds by reply template: out-of-fold refusal scores then show how the detector does on wording it never saw,
    // which is what the held-out conversations (and real replies) ask of it.
    int[] fold = CrossValidation.folds(rows.stream().map(ReplyCorpus::template).toList(), folds, seed);
    double[] refusalLogit = new double[n];
    double[] harmLogit = new double[n];
    boolean[] unsafe = new boolean[n];
    for (int i = 0; i < n; i++) {
      unsafe[i] = rows.get(i).unsafe();
    }
    for (int f = 0; f < folds; f++) {
      LogisticRegression m = lrTrainer.fit(replyExamples(tfidf, stats, refuses, unsafe, SafetyTrainer.indices(fold, f, false)),
          ngrams.dimension(), TextStatistics.dimension());
      for (int i : SafetyTrainer.indices(fold, f, true)) {
        refusalLogit[i] = m.logit(0, tfidf[i], stats[i]);
        harmLogit[i] = m.logit(1, tfidf[i], stats[i]);
      }
    }
    float[][] meta = new float[n][];
    for (int i = 0; i < n; i++) {
      meta[i] = MetaFeatures.reply(q[i], r[i], refusalLogit[i], harmLogit[i]);
    }
    double[] p = new double[n];
    for (int f = 0; f < folds; f++) {
      LogisticRegression m = metaTrainer.fit(stackExamples(rows, meta, SafetyTrainer.indices(fold, f, false)), 0, MetaFeatures.replyDimension());
      for (int i : SafetyTrainer.indices(fold, f, true)) {
        p[i] = m.probability(0, null, meta[i]);
      }
    }
    List<Integer> all = SafetyTrainer.range(n);
    LogisticRegression refusal = lrTrainer.fit(replyExamples(tfidf, stats, refuses, unsafe, all), ngrams.dimension(), TextStatistics.dimension());
    LogisticRegression stack = metaTrainer.fit(stackExamples(rows, meta, all), 0, MetaFeatures.replyDimension());
    double[] safe = new double[(int) rows.stream().filter(x -> !x.unsafe()).count()];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (!rows.get(i).unsafe()) {
        safe[k++] = p[i];
      }
    }
    double threshold = Math.min(0.999, BinaryMetrics.thresholdForFpr(safe, fpr));
    List<ScoredExample> oof = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      LabelledTurn row = rows.get(i);
      oof.add(new ScoredExample(row.id(), EmbeddedSafetyClassifier.calibrated(p[i], threshold), row.unsafe(),
          SafetyReport.attributes(row, List.of())));
    }
    return new ReplyModels(refusal, stack, threshold, oof);
  }

  /** Refusals, refusals pointing to help, and refusals of harmless requests are what the refusal detector learns. */
  static boolean refusal(LabelledTurn row) {
    String c = row.category();
    return c.startsWith("refusal") || c.startsWith("redirect") || c.startsWith("over_refusal");
  }

  /** Two targets per reply: it refuses (output 0), it is unsafe in its context (output 1). */
  private static List<Example> replyExamples(SparseVector[] tfidf, float[][] stats, boolean[] refuses, boolean[] unsafe,
      List<Integer> idx) {
    List<Example> out = new ArrayList<>(idx.size());
    for (int i : idx) {
      out.add(new Example(tfidf[i], stats[i], new float[] {refuses[i] ? 1 : 0, unsafe[i] ? 1 : 0}, 1f));
    }
    return out;
  }

  private static List<Example> stackExamples(List<LabelledTurn> rows, float[][] meta, List<Integer> idx) {
    List<Example> out = new ArrayList<>(idx.size());
    for (int i : idx) {
      out.add(Example.binary(SparseVector.EMPTY, meta[i], rows.get(i).unsafe(), 1f));
    }
    return out;
  }
}
