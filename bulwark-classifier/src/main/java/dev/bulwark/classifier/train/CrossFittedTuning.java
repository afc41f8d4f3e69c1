package dev.bulwark.classifier.train;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Fine-tuning inside a stacked trainer. The stack needs every row's encoder score from a model that did not see the
 * row; one fine-tuning per stacking fold would cost one run each, so the rows are split by group into a few folds of
 * their own (usually 2) and each fold is scored by an encoder tuned on the others (cross-fitting).
 *
 * @param texts the texts the encoder reads
 * @param positive each row's class
 * @param weights each row's weight in the loss
 * @param groups rows of one group (translations, template variants) share a fold
 */
public record CrossFittedTuning(List<String> texts, boolean[] positive, float[] weights, List<String> groups) {
  public CrossFittedTuning {
    texts = List.copyOf(texts);
    groups = List.copyOf(groups);
    if (positive.length != texts.size() || weights.length != texts.size() || groups.size() != texts.size()) {
      throw new IllegalArgumentException(texts.size() + " texts, " + positive.length + " classes, " + weights.length + " weights, "
          + groups.size() + " groups");
    }
  }

  /**
   * Every row's out-of-fold logit. Folds come from {@code seed}; {@code report} gets each run's time and the settings.
   */
  public double[] outOfFold(EncoderTuning tuning, int folds, long seed, ObjectNode report, PrintWriter log) {
    int[] fold = CrossValidation.folds(groups, folds, seed);
    double[] logits = new double[texts.size()];
    ArrayNode seconds = report.putArray("fold_seconds");
    report.put("description", tuning.description());
    report.put("cross_fitting_folds", folds);
    for (int f = 0; f < folds; f++) {
      List<Integer> held = new ArrayList<>();
      List<Integer> train = new ArrayList<>();
      for (int i = 0; i < fold.length; i++) {
        (fold[i] == f ? held : train).add(i);
      }
      try (EncoderTuning.Tuned tuned = tune(tuning, train, "fold " + (f + 1) + " of " + folds)) {
        seconds.add(tuned.trainingSeconds());
        double[] l = tuned.logits(held.stream().map(texts::get).toList());
        for (int k = 0; k < held.size(); k++) {
          logits[held.get(k)] = l[k];
        }
      }
      log.printf("fine-tuning fold %d/%d scored %d held-out rows%n", f + 1, folds, held.size());
    }
    return logits;
  }

  /** Fine-tunes on the rows {@code idx}; {@code what} names the run in progress lines. */
  public EncoderTuning.Tuned tune(EncoderTuning tuning, List<Integer> idx, String what) {
    List<String> t = new ArrayList<>(idx.size());
    boolean[] p = new boolean[idx.size()];
    float[] w = new float[idx.size()];
    for (int k = 0; k < idx.size(); k++) {
      t.add(texts.get(idx.get(k)));
      p[k] = positive[idx.get(k)];
      w[k] = weights[idx.get(k)];
    }
    return tuning.tune(t, p, w, what);
  }

  /** Fine-tunes on every row. */
  public EncoderTuning.Tuned tuneAll(EncoderTuning tuning, String what) {
    List<Integer> all = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      all.add(i);
    }
    return tune(tuning, all, what);
  }
}
