package dev.bulwark.finetune;

/**
 * How a fine-tuning run goes.
 *
 * @param topLayers encoder layers trained, counted from the top (0 = head only, all = the whole encoder)
 * @param tuneEmbeddings also train the embedding tables and their LayerNorm
 * @param epochs passes over the training rows
 * @param batchSize rows per optimizer step
 * @param microBatch rows per forward/backward pass (gradients are accumulated up to {@code batchSize})
 * @param maxTokens longest input, special tokens included; longer texts are cut
 * @param learningRate peak learning rate of the encoder
 * @param headLearningRate peak learning rate of the freshly initialised head (higher: it starts from nothing)
 * @param weightDecay AdamW's decoupled decay, not applied to biases and LayerNorm weights
 * @param warmupFraction share of the steps over which the learning rate rises linearly, before decaying linearly to 0
 * @param clipNorm the global gradient norm is clipped to this
 * @param seed fixes the data order and the head's initial weights
 * @param logEverySteps progress line every this many optimizer steps
 */
public record FineTuneOptions(int topLayers, boolean tuneEmbeddings, int epochs, int batchSize, int microBatch, int maxTokens,
    double learningRate, double headLearningRate, double weightDecay, double warmupFraction, double clipNorm, long seed,
    int logEverySteps) {

  public FineTuneOptions {
    if (epochs < 1 || batchSize < 1 || microBatch < 1 || maxTokens < 3) {
      throw new IllegalArgumentException("epochs, batch size and micro-batch must be positive and max tokens at least 3");
    }
    if (microBatch > batchSize) {
      microBatch = batchSize;
    }
  }

  /** Top two layers, one epoch, batches of 32 in micro-batches of 16, 128 tokens, seed 42. */
  public static FineTuneOptions defaults() {
    return new FineTuneOptions(2, false, 1, 32, 16, 128, 1e-4, 1e-3, 0.01, 0.06, 1.0, 42, 10);
  }

  public FineTuneOptions withTopLayers(int k) {
    return new FineTuneOptions(k, tuneEmbeddings, epochs, batchSize, microBatch, maxTokens, learningRate, headLearningRate,
        weightDecay, warmupFraction, clipNorm, seed, logEverySteps);
  }

  public FineTuneOptions withBatch(int batch, int micro) {
    return new FineTuneOptions(topLayers, tuneEmbeddings, epochs, batch, micro, maxTokens, learningRate, headLearningRate,
        weightDecay, warmupFraction, clipNorm, seed, logEverySteps);
  }

  public FineTuneOptions withEpochs(int n) {
    return new FineTuneOptions(topLayers, tuneEmbeddings, n, batchSize, microBatch, maxTokens, learningRate, headLearningRate,
        weightDecay, warmupFraction, clipNorm, seed, logEverySteps);
  }

  public FineTuneOptions withMaxTokens(int n) {
    return new FineTuneOptions(topLayers, tuneEmbeddings, epochs, batchSize, microBatch, n, learningRate, headLearningRate,
        weightDecay, warmupFraction, clipNorm, seed, logEverySteps);
  }

  public FineTuneOptions withLearningRates(double encoder, double head) {
    return new FineTuneOptions(topLayers, tuneEmbeddings, epochs, batchSize, microBatch, maxTokens, encoder, head,
        weightDecay, warmupFraction, clipNorm, seed, logEverySteps);
  }

  public FineTuneOptions withSeed(long s) {
    return new FineTuneOptions(topLayers, tuneEmbeddings, epochs, batchSize, microBatch, maxTokens, learningRate, headLearningRate,
        weightDecay, warmupFraction, clipNorm, s, logEverySteps);
  }

  public FineTuneOptions withEmbeddings(boolean tune) {
    return new FineTuneOptions(topLayers, tune, epochs, batchSize, microBatch, maxTokens, learningRate, headLearningRate,
        weightDecay, warmupFraction, clipNorm, seed, logEverySteps);
  }

  public FineTuneOptions withLogEvery(int steps) {
    return new FineTuneOptions(topLayers, tuneEmbeddings, epochs, batchSize, microBatch, maxTokens, learningRate, headLearningRate,
        weightDecay, warmupFraction, clipNorm, seed, steps);
  }

  /** Learning-rate factor (0..1) at optimizer step {@code step} (0-based) of {@code total}: linear warm-up, linear decay. */
  public double schedule(int step, int total) {
    int warmup = (int) Math.ceil(warmupFraction * total);
    if (step < warmup) {
      return (step + 1) / (double) warmup;
    }
    return Math.max(0, (total - step) / (double) Math.max(1, total - warmup));
  }
}
