package dev.bulwark.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), with global gradient-norm clipping, over NDArrays that
 * carry gradients. Written out rather than taken from DJL's {@code Trainer}: the encoder is plain NDArrays named after
 * the ONNX graph, not DJL blocks, and each group has its own learning rate and decay.
 *
 * <p>Updates run with autograd off (outside any gradient collector), in place; every temporary lives in a manager
 * closed after the step.
 */
final class AdamW implements AutoCloseable {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;

  /** A trained array with its peak learning rate and weight decay. */
  record Param(String name, NDArray value, double learningRate, double weightDecay) {}

  private final NDManager manager;
  private final List<Param> params;
  private final List<NDArray> firstMoments = new ArrayList<>();
  private final List<NDArray> secondMoments = new ArrayList<>();
  private int steps;
  private int skipped;

  AdamW(NDManager parent, List<Param> params) {
    this.manager = parent.newSubManager();
    this.params = List.copyOf(params);
    for (Param p : params) {
      p.value().setRequiresGradient(true);
      firstMoments.add(manager.zeros(p.value().getShape()));
      secondMoments.add(manager.zeros(p.value().getShape()));
    }
  }

  /**
   * One update with learning rates scaled by {@code factor} (the schedule); gradients are then zeroed.
   *
   * @return the gradient norm before clipping
   */
  double step(double factor, double clipNorm) {
    steps++;
    try (NDManager tmp = manager.newSubManager()) {
      List<NDArray> grads = new ArrayList<>(params.size());
      double squares = 0;
      for (Param p : params) {
        NDArray g = p.value().getGradient();
        g.attach(tmp);
        grads.add(g);
        NDArray sq = g.square().sum();
        squares += sq.getFloat();
      }
      double norm = Math.sqrt(squares);
      if (!Double.isFinite(norm)) {
        // an overflowing gradient would turn every weight into NaN; drop this step's gradients instead
        skipped++;
        grads.forEach(AdamW::zero);
        return norm;
      }
      float clip = (float) Math.min(1.0, clipNorm / (norm + 1e-6));
      double correction1 = 1 - Math.pow(BETA1, steps);
      double correction2 = 1 - Math.pow(BETA2, steps);
      for (int i = 0; i < params.size(); i++) {
        Param p = params.get(i);
        NDArray g = grads.get(i).mul(clip);
        NDArray m = firstMoments.get(i);
        NDArray v = secondMoments.get(i);
        m.muli(BETA1).addi(g.mul(1 - BETA1));
        v.muli(BETA2).addi(g.square().mul(1 - BETA2));
        float lr = (float) (p.learningRate() * factor);
        NDArray mHat = attach(m.div((float) correction1), tmp);
        NDArray denominator = attach(v.div((float) correction2), tmp).sqrt().add(EPSILON);
        NDArray update = mHat.div(denominator).mul(lr);
        if (p.weightDecay() > 0) {
          update.addi(attach(p.value().mul((float) (lr * p.weightDecay())), tmp));
        }
        p.value().subi(update);
        zero(grads.get(i));
      }
      return norm;
    }
  }

  /** Steps dropped because the gradient norm was not finite. */
  int skippedSteps() {
    return skipped;
  }

  // assigned, not multiplied by 0: an infinite gradient times 0 is NaN and would stay
  private static void zero(NDArray gradient) {
    gradient.set(new NDIndex("..."), 0f);
  }

  private static NDArray attach(NDArray a, NDManager tmp) {
    a.attach(tmp);
    return a;
  }

  @Override
  public void close() {
    manager.close();
  }
}
