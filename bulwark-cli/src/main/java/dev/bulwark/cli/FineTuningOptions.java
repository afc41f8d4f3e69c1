package dev.bulwark.cli;

import dev.bulwark.classifier.train.CachedEncoderTuning;
import dev.bulwark.classifier.train.EncoderTuning;
import dev.bulwark.finetune.FineTuneOptions;
import dev.bulwark.finetune.MiniLmTuning;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of {@code bulwark train … --fine-tune} (a picocli mixin): the encoder stage becomes a MiniLM fine-tuned
 * end to end with DJL's PyTorch engine on the CPU, instead of an MLP over frozen MiniLM embeddings.
 */
public final class FineTuningOptions {
  @Option(names = "--fine-tune",
      description = "Fine-tune the fp32 all-MiniLM-L6-v2 (PyTorch, CPU) as the encoder stage. Cross-fitted runs score every"
          + " training row out of fold for the stacking; a last run on all rows is written beside the head.")
  public boolean fineTune;

  @Option(names = "--fine-tune-layers", defaultValue = "6", paramLabel = "K",
      description = "Encoder layers trained, from the top; 6 = all (default ${DEFAULT-VALUE}).")
  int layers;

  @Option(names = "--fine-tune-epochs", defaultValue = "1", paramLabel = "N", description = "Epochs (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--fine-tune-max-tokens", defaultValue = "128", paramLabel = "N",
      description = "Tokens read per text, special tokens included (default ${DEFAULT-VALUE}); the scanner reads the same.")
  int maxTokens;

  @Option(names = "--fine-tune-folds", defaultValue = "2", paramLabel = "N",
      description = "Cross-fitted runs that give the out-of-fold encoder scores (default ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--fine-tune-lr", defaultValue = "1e-4", paramLabel = "RATE",
      description = "Peak learning rate of the encoder (the head's is 10x; default ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--fine-tune-threads", defaultValue = "2", paramLabel = "N", description = "PyTorch threads (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--fine-tune-cache", paramLabel = "DIR",
      description = "Keeps each fine-tuning's scores and weights, keyed by its data and settings, so that a rerun that changes"
          + " only the stacking, the band or the threshold skips the fine-tuning (default: DIR/tuning-cache of --out).")
  Path cache;

  @Option(names = "--no-fine-tune-cache", description = "Fine-tune again even when the cache holds the same run.")
  boolean noCache;

  public int folds() {
    return folds;
  }

  /** The tuning to use, or null without {@code --fine-tune}; {@code out} is the training's output directory. */
  public EncoderTuning tuning(long seed, Path out, PrintWriter log) {
    if (!fineTune) {
      return null;
    }
    if (layers < 0 || layers > 6) {
      throw new UsageException("--fine-tune-layers must be 0..6 (MiniLM-L6 has 6 layers), got " + layers);
    }
    if (epochs < 1 || maxTokens < 8 || maxTokens > 512 || folds < 2 || threads < 1 || !(learningRate > 0)) {
      throw new UsageException("--fine-tune-epochs >= 1, --fine-tune-max-tokens 8..512, --fine-tune-folds >= 2,"
          + " --fine-tune-threads >= 1 and --fine-tune-lr > 0 are required");
    }
    FineTuneOptions o = FineTuneOptions.defaults().withTopLayers(layers).withEpochs(epochs).withMaxTokens(maxTokens)
        .withLearningRates(learningRate, learningRate * 10).withSeed(seed).withLogEvery(20);
    EncoderTuning tuning = new MiniLmTuning(o, threads, line -> {
      log.println(line);
      log.flush();
    });
    return noCache ? tuning : new CachedEncoderTuning(tuning, cache != null ? cache : out.resolve("tuning-cache"));
  }
}
