package dev.bulwark.classifier.head;

import java.util.List;

/**
 * Fits {@link LogisticRegression} by L-BFGS on weighted log-loss plus an L2 penalty (bias not penalised). Full-batch
 * and free of random choices, so the same data always gives the same weights.
 */
public final class LogisticRegressionTrainer {
  private final double l2;
  private final int maxIterations;
  private final int history;

  /**
   * @param l2 penalty strength relative to the total example weight (like 1/C in scikit-learn, per unit weight)
   * @param maxIterations L-BFGS iterations per output
   */
  public LogisticRegressionTrainer(double l2, int maxIterations) {
    this.l2 = l2;
    this.maxIterations = maxIterations;
    this.history = 10;
  }

  public LogisticRegression fit(List<Example> data, int sparseDim, int denseDim) {
    int outputs = data.get(0).targets().length;
    float[][] weights = new float[outputs][];
    float[] bias = new float[outputs];
    for (int k = 0; k < outputs; k++) {
      double[] x = fitOne(data, sparseDim, denseDim, k);
      float[] w = new float[sparseDim + denseDim];
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) x[i];
      }
      weights[k] = w;
      bias[k] = (float) x[w.length];
    }
    return new LogisticRegression(sparseDim, denseDim, weights, bias);
  }

  private double[] fitOne(List<Example> data, int sparseDim, int denseDim, int output) {
    int dim = sparseDim + denseDim + 1;
    double totalWeight = 0;
    for (Example e : data) {
      totalWeight += e.weight();
    }
    double lambda = l2 * totalWeight;
    Objective f = new Objective(data, sparseDim, denseDim, output, lambda);
    return Lbfgs.minimise(f, new double[dim], maxIterations, history, 1e-6);
  }

  /** Weighted log-loss + L2, and its gradient. */
  private static final class Objective implements Lbfgs.Function {
    private final List<Example> data;
    private final int sparseDim;
    private final int denseDim;
    private final int output;
    private final double lambda;

    Objective(List<Example> data, int sparseDim, int denseDim, int output, double lambda) {
      this.data = data;
      this.sparseDim = sparseDim;
      this.denseDim = denseDim;
      this.output = output;
      this.lambda = lambda;
    }

    @Override
    public double valueAndGradient(double[] x, double[] grad) {
      java.util.Arrays.fill(grad, 0);
      int biasIndex = sparseDim + denseDim;
      double loss = 0;
      for (Example e : data) {
        double z = x[biasIndex];
        int[] idx = e.sparse().indices();
        float[] val = e.sparse().values();
        for (int i = 0; i < idx.length; i++) {
          z += x[idx[i]] * val[i];
        }
        float[] dense = e.dense();
        for (int i = 0; i < denseDim; i++) {
          z += x[sparseDim + i] * dense[i];
        }
        double y = e.targets()[output];
        // log(1 + exp(z)) - y z, computed stably
        double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
        loss += e.weight() * (softplus - y * z);
        double g = e.weight() * (sigmoid(z) - y);
        for (int i = 0; i < idx.length; i++) {
          grad[idx[i]] += g * val[i];
        }
        for (int i = 0; i < denseDim; i++) {
          grad[sparseDim + i] += g * dense[i];
        }
        grad[biasIndex] += g;
      }
      double reg = 0;
      for (int i = 0; i < biasIndex; i++) {
        reg += x[i] * x[i];
        grad[i] += lambda * x[i];
      }
      return loss + 0.5 * lambda * reg;
    }

    private static double sigmoid(double z) {
      return dev.bulwark.classifier.Softmax.sigmoid(z);
    }
  }
}
