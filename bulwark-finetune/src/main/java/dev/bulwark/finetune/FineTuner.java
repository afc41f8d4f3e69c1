package dev.bulwark.finetune;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.bulwark.classifier.tuned.LinearHead;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fine-tunes the top layers of a {@link BertEncoder} and a fresh classification head on token-id rows: class-weighted
 * cross-entropy over the mean-pooled embedding, AdamW with linear warm-up and decay, global gradient clipping,
 * length-bucketed batches split into micro-batches whose gradients are accumulated. The seed fixes the data order and
 * the head's initial weights; the encoder starts from its pretrained weights.
 */
public final class FineTuner implements AutoCloseable {
  private final BertEncoder encoder;
  private final FineTuneOptions options;
  private final List<String> labels;
  private final long padId;
  private final Consumer<String> log;
  private final NDManager manager;
  private final ClassificationHead head;

  /** The outcome of {@link #train}: how long it took and how fast it went. */
  public record Result(int steps, long examples, Duration wallTime, double examplesPerSecond, double meanStepMillis,
      double lastLoss, int skippedSteps) {}

  /**
   * @param labels class names; index 0 is the negative class, the score of a binary detector is the last class
   * @param log receives progress lines
   */
  public FineTuner(BertEncoder encoder, FineTuneOptions options, List<String> labels, long padId, NDManager parent,
      Consumer<String> log) {
    this.encoder = encoder;
    this.options = options;
    this.labels = List.copyOf(labels);
    this.padId = padId;
    this.log = log;
    this.manager = parent.newSubManager();
    this.head = new ClassificationHead(manager, encoder.hidden(), labels.size(), options.seed());
    Engine.getInstance().setRandomSeed((int) options.seed());
  }

  /** Names of the encoder weights this run trains (the top layers, and the embeddings if asked). */
  public List<String> trainedWeights() {
    return encoder.trainableNames(options.topLayers(), options.tuneEmbeddings());
  }

  /** Trains on {@code inputs} (token ids with special tokens, at most {@code maxTokens} each) with class {@code targets}. */
  public Result train(List<long[]> inputs, int[] targets) {
    return train(inputs, targets, null);
  }

  /**
   * As {@link #train(List, int[])}, each row's loss also multiplied by {@code rowWeights[i]} (null: all 1), e.g. to
   * balance languages whose rows are mostly of one class.
   */
  public Result train(List<long[]> inputs, int[] targets, float[] rowWeights) {
    if (rowWeights != null && rowWeights.length != targets.length) {
      throw new IllegalArgumentException(rowWeights.length + " row weights for " + targets.length + " rows");
    }
    int classes = labels.size();
    double[] classWeight = classWeights(targets, classes);
    double[] weight = new double[targets.length];
    for (int i = 0; i < weight.length; i++) {
      weight[i] = classWeight[targets[i]] * (rowWeights == null ? 1 : rowWeights[i]);
    }
    int[] lengths = inputs.stream().mapToInt(r -> r.length).toArray();
    List<List<List<Integer>>> epochs = new ArrayList<>();
    int total = 0;
    for (int e = 0; e < options.epochs(); e++) {
      epochs.add(LengthBatches.plan(lengths, options.batchSize(), options.seed(), e));
      total += epochs.get(e).size();
    }
    List<AdamW.Param> params = new ArrayList<>();
    for (String name : trainedWeights()) {
      boolean decays = name.endsWith(".weight") && !name.contains("LayerNorm");
      params.add(new AdamW.Param(name, encoder.weight(name), options.learningRate(), decays ? options.weightDecay() : 0));
    }
    params.add(new AdamW.Param("head.weight", head.weight, options.headLearningRate(), options.weightDecay()));
    params.add(new AdamW.Param("head.bias", head.bias, options.headLearningRate(), 0));
    long examples = inputs.size() * (long) options.epochs();
    log.accept(String.format("fine-tuning %d rows x %d epoch(s): %d steps of %d (micro-batches of %d), top %d layer(s)%s, %d trained tensors, max %d tokens",
        inputs.size(), options.epochs(), total, options.batchSize(), options.microBatch(), options.topLayers(),
        options.tuneEmbeddings() ? " + embeddings" : "", params.size(), options.maxTokens()));
    long started = System.nanoTime();
    long seen = 0;
    int step = 0;
    double lossWindow = 0;
    int lossCount = 0;
    double lastLoss = Double.NaN;
    double normWindow = 0;
    int skipped;
    try (AdamW optimizer = new AdamW(manager, params)) {
      for (List<List<Integer>> plan : epochs) {
        for (List<Integer> batch : plan) {
          double batchWeight = 0;
          for (int i : batch) {
            batchWeight += weight[i];
          }
          double loss = 0;
          for (List<Integer> micro : LengthBatches.micro(batch, options.microBatch())) {
            loss += accumulate(inputs, targets, micro, weight, batchWeight);
          }
          if (!Double.isFinite(loss)) {
            throw new IllegalStateException("the loss became " + loss + " at step " + (step + 1) + " of " + total
                + "; lower the learning rate");
          }
          double norm = optimizer.step(options.schedule(step, total), options.clipNorm());
          normWindow = Math.max(normWindow, norm);
          step++;
          seen += batch.size();
          lossWindow += loss;
          lossCount++;
          lastLoss = loss;
          if (step % options.logEverySteps() == 0 || step == total) {
            double seconds = (System.nanoTime() - started) / 1e9;
            double rate = seen / seconds;
            log.accept(String.format("step %d/%d  examples %d/%d  loss %.4f  max grad norm %.3g  lr x%.2f  %.1f examples/s  elapsed %s  ETA %s",
                step, total, seen, examples, lossWindow / lossCount, normWindow, options.schedule(step - 1, total), rate,
                format(seconds), format((examples - seen) / rate)));
            normWindow = 0;
            lossWindow = 0;
            lossCount = 0;
          }
        }
      }
      skipped = optimizer.skippedSteps();
    }
    if (skipped > 0) {
      log.accept(skipped + " step(s) skipped: their gradient norm was not finite");
    }
    // the optimizer is closed: make the trained arrays plain values again
    for (AdamW.Param p : params) {
      p.value().setRequiresGradient(false);
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - started);
    double seconds = wall.toNanos() / 1e9;
    return new Result(step, seen, wall, seen / seconds, 1000 * seconds / Math.max(1, step), lastLoss, skipped);
  }

  /** Forward and backward over one micro-batch; returns its share of the batch loss. */
  private double accumulate(List<long[]> inputs, int[] targets, List<Integer> micro, double[] weight, double batchWeight) {
    int classes = labels.size();
    List<long[]> rows = new ArrayList<>(micro.size());
    // each row's one-hot target scaled by its weight over the batch's total weight: the weighted mean of the
    // cross-entropy over the whole batch, however it is split into micro-batches
    float[] target = new float[micro.size() * classes];
    for (int j = 0; j < micro.size(); j++) {
      int i = micro.get(j);
      rows.add(inputs.get(i));
      target[j * classes + targets[i]] = (float) (weight[i] / batchWeight);
    }
    try (NDManager step = manager.newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      BertEncoder.Batch batch = BertEncoder.batch(step, rows, padId);
      NDArray logProbabilities = head.logits(encoder.pooled(step, batch)).logSoftmax(-1);
      NDArray loss = logProbabilities.mul(step.create(target, new Shape(micro.size(), classes))).sum().neg();
      collector.backward(loss);
      return loss.getFloat();
    }
  }

  /** Class probabilities of each row (no gradients), scored in length-sorted batches. */
  public float[][] probabilities(List<long[]> inputs, int batchSize) {
    int classes = labels.size();
    float[][] out = new float[inputs.size()][];
    int[] lengths = inputs.stream().mapToInt(r -> r.length).toArray();
    for (List<Integer> batch : LengthBatches.byLength(lengths, batchSize)) {
      List<long[]> rows = new ArrayList<>(batch.size());
      batch.forEach(i -> rows.add(inputs.get(i)));
      try (NDManager step = manager.newSubManager()) {
        float[] p = head.logits(encoder.pooled(step, BertEncoder.batch(step, rows, padId))).softmax(-1).toFloatArray();
        for (int j = 0; j < batch.size(); j++) {
          out[batch.get(j)] = java.util.Arrays.copyOfRange(p, j * classes, (j + 1) * classes);
        }
      }
    }
    return out;
  }

  /** The head in the layout an {@code EncoderDelta} stores. */
  public LinearHead exportHead() {
    return head.export(labels);
  }

  public List<String> labels() {
    return labels;
  }

  /** Inverse class frequency, normalised so that a balanced set has weight 1 everywhere. */
  static double[] classWeights(int[] targets, int classes) {
    long[] counts = new long[classes];
    for (int t : targets) {
      counts[t]++;
    }
    double[] w = new double[classes];
    for (int c = 0; c < classes; c++) {
      w[c] = counts[c] == 0 ? 0 : targets.length / (double) (classes * counts[c]);
    }
    return w;
  }

  private static String format(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "?";
    }
    long s = Math.round(seconds);
    return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60) : String.format("%dm%02ds", s / 60, s % 60);
  }

  @Override
  public void close() {
    head.close();
    manager.close();
  }
}
