package dev.bulwark.classifier.head;

import dev.bulwark.classifier.Softmax;
import dev.bulwark.classifier.features.SparseVector;

/**
 * A linear head with one independent sigmoid per output (binary when there is one output, multi-label otherwise),
 * over a sparse block followed by a dense block of features.
 */
public final class LogisticRegression {
  private final int sparseDim;
  private final int denseDim;
  private final float[][] weights;
  private final float[] bias;

  /** @param weights per output, {@code sparseDim + denseDim} weights */
  public LogisticRegression(int sparseDim, int denseDim, float[][] weights, float[] bias) {
    if (weights.length != bias.length) {
      throw new IllegalArgumentException("weights and bias disagree on the number of outputs");
    }
    for (float[] w : weights) {
      if (w.length != sparseDim + denseDim) {
        throw new IllegalArgumentException("expected " + (sparseDim + denseDim) + " weights per output, got " + w.length);
      }
    }
    this.sparseDim = sparseDim;
    this.denseDim = denseDim;
    this.weights = weights;
    this.bias = bias;
  }

  public int outputs() {
    return bias.length;
  }

  public int sparseDim() {
    return sparseDim;
  }

  public int denseDim() {
    return denseDim;
  }

  public float[] weights(int output) {
    return weights[output];
  }

  public float bias(int output) {
    return bias[output];
  }

  public double logit(int output, SparseVector sparse, float[] dense) {
    float[] w = weights[output];
    double z = bias[output];
    if (sparse != null) {
      z += sparse.dot(w);
    }
    if (dense != null) {
      for (int i = 0; i < denseDim; i++) {
        z += w[sparseDim + i] * dense[i];
      }
    }
    return z;
  }

  public double probability(int output, SparseVector sparse, float[] dense) {
    return Softmax.sigmoid(logit(output, sparse, dense));
  }

  /** All outputs' probabilities. */
  public double[] probabilities(SparseVector sparse, float[] dense) {
    double[] p = new double[outputs()];
    for (int k = 0; k < p.length; k++) {
      p[k] = probability(k, sparse, dense);
    }
    return p;
  }
}
