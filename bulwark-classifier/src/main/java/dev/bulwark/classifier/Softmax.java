package dev.bulwark.classifier;

/** Numerically stable softmax and the logistic function. */
public final class Softmax {
  private Softmax() {}

  public static float[] of(float[] logits, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l / temperature);
    }
    double sum = 0;
    double[] e = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      e[i] = Math.exp(logits[i] / temperature - max);
      sum += e[i];
    }
    float[] p = new float[logits.length];
    for (int i = 0; i < logits.length; i++) {
      p[i] = (float) (e[i] / sum);
    }
    return p;
  }

  public static double sigmoid(double z) {
    if (z >= 0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
  }

  /** The inverse of {@link #sigmoid}, clamped away from ±infinity. */
  public static double logit(double p) {
    double q = Math.max(1e-7, Math.min(1 - 1e-7, p));
    return Math.log(q / (1 - q));
  }
}
