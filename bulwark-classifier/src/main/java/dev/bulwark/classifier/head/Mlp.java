package dev.bulwark.classifier.head;

import dev.bulwark.classifier.Softmax;

/**
 * A small multi-layer perceptron over dense features: standardise, one ReLU hidden layer, one sigmoid per output
 * (multi-label capable). Weights are row-major: {@code w1[h * in + i]}, {@code w2[k * hidden + h]}.
 */
public final class Mlp {
  private final int inputs;
  private final int hidden;
  private final int outputs;
  private final float[] mean;
  private final float[] scale;
  private final float[] w1;
  private final float[] b1;
  private final float[] w2;
  private final float[] b2;

  public Mlp(int inputs, int hidden, int outputs, float[] mean, float[] scale, float[] w1, float[] b1, float[] w2, float[] b2) {
    if (mean.length != inputs || scale.length != inputs || w1.length != inputs * hidden || b1.length != hidden
        || w2.length != hidden * outputs || b2.length != outputs) {
      throw new IllegalArgumentException("MLP parameter sizes do not match " + inputs + "-" + hidden + "-" + outputs);
    }
    this.inputs = inputs;
    this.hidden = hidden;
    this.outputs = outputs;
    this.mean = mean;
    this.scale = scale;
    this.w1 = w1;
    this.b1 = b1;
    this.w2 = w2;
    this.b2 = b2;
  }

  public int inputs() {
    return inputs;
  }

  public int hidden() {
    return hidden;
  }

  public int outputs() {
    return outputs;
  }

  float[] mean() {
    return mean;
  }

  float[] scale() {
    return scale;
  }

  float[] w1() {
    return w1;
  }

  float[] b1() {
    return b1;
  }

  float[] w2() {
    return w2;
  }

  float[] b2() {
    return b2;
  }

  /** Output logits for one input. */
  public double[] logits(float[] x) {
    if (x.length != inputs) {
      throw new IllegalArgumentException("expected " + inputs + " features, got " + x.length);
    }
    float[] z = new float[inputs];
    for (int i = 0; i < inputs; i++) {
      z[i] = (x[i] - mean[i]) * scale[i];
    }
    float[] h = new float[hidden];
    for (int j = 0; j < hidden; j++) {
      double a = b1[j];
      int off = j * inputs;
      for (int i = 0; i < inputs; i++) {
        a += w1[off + i] * z[i];
      }
      h[j] = (float) Math.max(0, a);
    }
    double[] out = new double[outputs];
    for (int k = 0; k < outputs; k++) {
      double a = b2[k];
      int off = k * hidden;
      for (int j = 0; j < hidden; j++) {
        a += w2[off + j] * h[j];
      }
      out[k] = a;
    }
    return out;
  }

  public double[] probabilities(float[] x) {
    double[] l = logits(x);
    for (int k = 0; k < l.length; k++) {
      l[k] = Softmax.sigmoid(l[k]);
    }
    return l;
  }

  /** Exposes the parameters to {@link HeadFile}. */
  public float[][] parameters() {
    return new float[][] {mean, scale, w1, b1, w2, b2};
  }
}
