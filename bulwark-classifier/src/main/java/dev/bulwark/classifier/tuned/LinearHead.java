package dev.bulwark.classifier.tuned;

import java.util.List;

/**
 * The classification layer of a fine-tuned encoder: {@code logits = W x + b} over the mean-pooled embedding, softmax
 * over the labels. {@code weight} is row-major {@code [labels, dimension]}, the layout the trainer writes.
 */
public record LinearHead(List<String> labels, int dimension, float[] weight, float[] bias) {
  public LinearHead {
    labels = List.copyOf(labels);
    if (labels.size() < 2) {
      throw new IllegalArgumentException("a head needs at least 2 labels, got " + labels);
    }
    if (weight.length != labels.size() * dimension || bias.length != labels.size()) {
      throw new IllegalArgumentException("head of " + labels.size() + " labels over " + dimension + " dimensions needs "
          + labels.size() * dimension + " weights and " + labels.size() + " biases, got " + weight.length + " and " + bias.length);
    }
  }

  public float[] logits(float[] x) {
    if (x.length != dimension) {
      throw new IllegalArgumentException("embedding has " + x.length + " dimensions, the head expects " + dimension);
    }
    float[] out = new float[labels.size()];
    for (int c = 0; c < out.length; c++) {
      double s = bias[c];
      int row = c * dimension;
      for (int d = 0; d < dimension; d++) {
        s += (double) weight[row + d] * x[d];
      }
      out[c] = (float) s;
    }
    return out;
  }

  /**
   * The log-odds of the last (positive) class against the first, from two probabilities rather than one: a single
   * float probability saturates at 1 - 2^-24, the pair keeps the ranking of confident scores.
   */
  public static double logOdds(float[] probabilities) {
    return Math.log(Math.max(probabilities[probabilities.length - 1], 1e-30)) - Math.log(Math.max(probabilities[0], 1e-30));
  }

  public float[] probabilities(float[] x) {
    float[] z = logits(x);
    double max = Double.NEGATIVE_INFINITY;
    for (float v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] e = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      e[i] = Math.exp(z[i] - max);
      sum += e[i];
    }
    float[] p = new float[z.length];
    for (int i = 0; i < z.length; i++) {
      p[i] = (float) (e[i] / sum);
    }
    return p;
  }
}
