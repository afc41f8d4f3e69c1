package dev.bulwark.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bulwark.classifier.tuned.LinearHead;
import java.util.List;
import java.util.Random;

/**
 * The trainable classification layer on the pooled embedding: {@code logits = x · W + b}, {@code W [hidden, classes]}
 * drawn from N(0, 0.02²) with the run's seed (BERT's initialiser), {@code b} zero.
 */
final class ClassificationHead implements AutoCloseable {
  private final NDManager manager;
  final NDArray weight;
  final NDArray bias;
  private final int hidden;
  private final int classes;

  ClassificationHead(NDManager parent, int hidden, int classes, long seed) {
    this.manager = parent.newSubManager();
    this.hidden = hidden;
    this.classes = classes;
    Random random = new Random(seed);
    float[] w = new float[hidden * classes];
    for (int i = 0; i < w.length; i++) {
      w[i] = 0.02f * (float) random.nextGaussian();
    }
    this.weight = manager.create(w, new Shape(hidden, classes));
    this.bias = manager.zeros(new Shape(classes));
  }

  NDArray logits(NDArray pooled) {
    return pooled.matMul(weight).add(bias);
  }

  /** The head in the inference layout ({@code [classes, hidden]} row-major). */
  LinearHead export(List<String> labels) {
    float[] w = weight.toFloatArray();
    float[] t = new float[w.length];
    for (int d = 0; d < hidden; d++) {
      for (int c = 0; c < classes; c++) {
        t[c * hidden + d] = w[d * classes + c];
      }
    }
    return new LinearHead(labels, hidden, t, bias.toFloatArray());
  }

  @Override
  public void close() {
    manager.close();
  }
}
