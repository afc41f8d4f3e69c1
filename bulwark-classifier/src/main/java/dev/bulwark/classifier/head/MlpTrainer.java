package dev.bulwark.classifier.head;

import java.util.List;
import java.util.Random;

/**
 * Trains {@link Mlp} with Adam on weighted sigmoid cross-entropy, mini-batches in an order drawn from a seeded
 * generator: the same data and seed give the same weights.
 */
public final class MlpTrainer {
  private final int hidden;
  private final int epochs;
  private final int batchSize;
  private final double learningRate;
  private final double weightDecay;
  private final long seed;

  public MlpTrainer(int hidden, int epochs, int batchSize, double learningRate, double weightDecay, long seed) {
    this.hidden = hidden;
    this.epochs = epochs;
    this.batchSize = batchSize;
    this.learningRate = learningRate;
    this.weightDecay = weightDecay;
    this.seed = seed;
  }

  /** Fits on the dense part of each example. */
  public Mlp fit(List<Example> data) {
    int in = data.get(0).dense().length;
    int out = data.get(0).targets().length;
    int n = data.size();
    float[] mean = new float[in];
    float[] scale = new float[in];
    for (Example e : data) {
      for (int i = 0; i < in; i++) {
        mean[i] += e.dense()[i] / n;
      }
    }
    for (Example e : data) {
      for (int i = 0; i < in; i++) {
        double d = e.dense()[i] - mean[i];
        scale[i] += (float) (d * d / n);
      }
    }
    for (int i = 0; i < in; i++) {
      scale[i] = (float) (1 / Math.sqrt(scale[i] + 1e-8));
    }
    float[][] xs = new float[n][in];
    for (int r = 0; r < n; r++) {
      float[] x = data.get(r).dense();
      for (int i = 0; i < in; i++) {
        xs[r][i] = (x[i] - mean[i]) * scale[i];
      }
    }
    Random rnd = new Random(seed);
    float[] w1 = new float[hidden * in];
    float[] b1 = new float[hidden];
    float[] w2 = new float[out * hidden];
    float[] b2 = new float[out];
    double s1 = Math.sqrt(2.0 / in);
    for (int i = 0; i < w1.length; i++) {
      w1[i] = (float) (rnd.nextGaussian() * s1);
    }
    double s2 = Math.sqrt(1.0 / hidden);
    for (int i = 0; i < w2.length; i++) {
      w2[i] = (float) (rnd.nextGaussian() * s2);
    }
    float[][] params = {w1, b1, w2, b2};
    Adam adam = new Adam(params, learningRate);
    float[][] grads = {new float[w1.length], new float[b1.length], new float[w2.length], new float[b2.length]};
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    float[] h = new float[hidden];
    float[] dh = new float[hidden];
    for (int epoch = 0; epoch < epochs; epoch++) {
      for (int i = n - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (int start = 0; start < n; start += batchSize) {
        int end = Math.min(n, start + batchSize);
        for (float[] g : grads) {
          java.util.Arrays.fill(g, 0);
        }
        double batchWeight = 0;
        for (int b = start; b < end; b++) {
          batchWeight += data.get(order[b]).weight();
        }
        for (int b = start; b < end; b++) {
          Example e = data.get(order[b]);
          float[] x = xs[order[b]];
          for (int j = 0; j < hidden; j++) {
            double a = b1[j];
            int off = j * in;
            for (int i = 0; i < in; i++) {
              a += w1[off + i] * x[i];
            }
            h[j] = (float) Math.max(0, a);
          }
          java.util.Arrays.fill(dh, 0);
          double wgt = e.weight() / batchWeight;
          for (int k = 0; k < out; k++) {
            double a = b2[k];
            int off = k * hidden;
            for (int j = 0; j < hidden; j++) {
              a += w2[off + j] * h[j];
            }
            double g = (dev.bulwark.classifier.Softmax.sigmoid(a) - e.targets()[k]) * wgt;
            grads[3][k] += (float) g;
            for (int j = 0; j < hidden; j++) {
              grads[2][off + j] += (float) (g * h[j]);
              dh[j] += (float) (g * w2[off + j]);
            }
          }
          for (int j = 0; j < hidden; j++) {
            if (h[j] <= 0) {
              continue;
            }
            float g = dh[j];
            grads[1][j] += g;
            int off = j * in;
            for (int i = 0; i < in; i++) {
              grads[0][off + i] += g * x[i];
            }
          }
        }
        for (int i = 0; i < w1.length; i++) {
          grads[0][i] += (float) (weightDecay * w1[i]);
        }
        for (int i = 0; i < w2.length; i++) {
          grads[2][i] += (float) (weightDecay * w2[i]);
        }
        adam.step(grads);
      }
    }
    return new Mlp(in, hidden, out, mean, scale, w1, b1, w2, b2);
  }

  /** Adam with the usual defaults (beta1 0.9, beta2 0.999). */
  private static final class Adam {
    private final float[][] params;
    private final float[][] m;
    private final float[][] v;
    private final double lr;
    private int t;

    Adam(float[][] params, double lr) {
      this.params = params;
      this.lr = lr;
      m = new float[params.length][];
      v = new float[params.length][];
      for (int i = 0; i < params.length; i++) {
        m[i] = new float[params[i].length];
        v[i] = new float[params[i].length];
      }
    }

    void step(float[][] grads) {
      t++;
      double c1 = 1 - Math.pow(0.9, t);
      double c2 = 1 - Math.pow(0.999, t);
      for (int p = 0; p < params.length; p++) {
        float[] w = params[p];
        float[] g = grads[p];
        float[] mp = m[p];
        float[] vp = v[p];
        for (int i = 0; i < w.length; i++) {
          mp[i] = 0.9f * mp[i] + 0.1f * g[i];
          vp[i] = 0.999f * vp[i] + 0.001f * g[i] * g[i];
          w[i] -= (float) (lr * (mp[i] / c1) / (Math.sqrt(vp[i] / c2) + 1e-8));
        }
      }
    }
  }
}
