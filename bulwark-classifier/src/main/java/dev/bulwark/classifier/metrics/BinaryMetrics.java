package dev.bulwark.classifier.metrics;

import java.util.Arrays;

/**
 * Ranking and threshold metrics of a binary detector, from the scores of positives and negatives. The conventions
 * follow the datasets' README so numbers compare: AUC by Mann-Whitney with ties counted half; "recall at FPR r" uses
 * the oracle threshold {@code t = sorted(neg)[min(n-1, floor((1-r) n))]} and counts positives strictly above it.
 */
public final class BinaryMetrics {
  private BinaryMetrics() {}

  /**
   * Area under the ROC curve; NaN when either class is empty.
   *
   * @throws IllegalArgumentException for a NaN score (NaN equals nothing, not even itself, so it would never end a tie)
   */
  public static double auc(double[] positives, double[] negatives) {
    int p = positives.length;
    int n = negatives.length;
    if (p == 0 || n == 0) {
      return Double.NaN;
    }
    for (double[] scores : new double[][] {positives, negatives}) {
      for (double s : scores) {
        if (Double.isNaN(s)) {
          throw new IllegalArgumentException("a score is NaN: the model that produced it is broken");
        }
      }
    }
    double[] all = new double[p + n];
    boolean[] pos = new boolean[p + n];
    Integer[] order = new Integer[p + n];
    for (int i = 0; i < p; i++) {
      all[i] = positives[i];
      pos[i] = true;
    }
    for (int i = 0; i < n; i++) {
      all[p + i] = negatives[i];
    }
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(all[a], all[b]));
    double rankSum = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j < order.length && all[order[j]] == all[order[i]]) {
        j++;
      }
      double rank = (i + j + 1) / 2.0;
      for (int k = i; k < j; k++) {
        if (pos[order[k]]) {
          rankSum += rank;
        }
      }
      i = j;
    }
    return (rankSum - (double) p * (p + 1) / 2) / ((double) p * n);
  }

  /** The README's oracle threshold for a false-positive rate on these negatives. */
  public static double oracleThreshold(double[] negatives, double fpr) {
    double[] s = negatives.clone();
    Arrays.sort(s);
    int idx = Math.min(s.length - 1, (int) Math.floor((1 - fpr) * s.length));
    return s[Math.max(0, idx)];
  }

  /** Recall at the oracle threshold for {@code fpr} (positives strictly above it). */
  public static double recallAtFpr(double[] positives, double[] negatives, double fpr) {
    if (positives.length == 0 || negatives.length == 0) {
      return Double.NaN;
    }
    double t = oracleThreshold(negatives, fpr);
    return fractionAbove(positives, t, false);
  }

  /**
   * The lowest threshold whose false-positive rate on {@code negatives} is at most {@code fpr}, for decisions of the
   * form {@code score >= threshold}: what calibration writes into a configuration.
   */
  public static double thresholdForFpr(double[] negatives, double fpr) {
    if (negatives.length == 0) {
      throw new IllegalArgumentException("no negative examples to calibrate on");
    }
    double[] s = negatives.clone();
    Arrays.sort(s);
    int allowed = (int) Math.floor(fpr * s.length + 1e-9);
    // Flag at most `allowed` negatives: the threshold must exceed the (allowed+1)-th highest negative score.
    double mustExceed = s[s.length - 1 - Math.min(allowed, s.length - 1)];
    if (allowed >= s.length) {
      return 0.0;
    }
    double t = Math.nextUp(mustExceed);
    return Math.min(1.0, t);
  }

  /** Fraction of {@code scores} at or above (or strictly above) {@code t}. */
  public static double fractionAbove(double[] scores, double t, boolean inclusive) {
    if (scores.length == 0) {
      return Double.NaN;
    }
    int c = 0;
    for (double s : scores) {
      if (inclusive ? s >= t : s > t) {
        c++;
      }
    }
    return (double) c / scores.length;
  }

  /** Precision, recall and false-positive rate of the decision {@code score >= threshold}. */
  public record AtThreshold(double threshold, double precision, double recall, double fpr, int tp, int fp, int fn, int tn) {}

  public static AtThreshold atThreshold(double[] positives, double[] negatives, double threshold) {
    int tp = 0;
    for (double s : positives) {
      if (s >= threshold) {
        tp++;
      }
    }
    int fp = 0;
    for (double s : negatives) {
      if (s >= threshold) {
        fp++;
      }
    }
    int fn = positives.length - tp;
    int tn = negatives.length - fp;
    double precision = tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
    double recall = positives.length == 0 ? Double.NaN : (double) tp / positives.length;
    double fpr = negatives.length == 0 ? Double.NaN : (double) fp / negatives.length;
    return new AtThreshold(threshold, precision, recall, fpr, tp, fp, fn, tn);
  }
}
