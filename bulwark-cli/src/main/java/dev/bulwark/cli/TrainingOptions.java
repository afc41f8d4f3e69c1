package dev.bulwark.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every {@code bulwark train …} command shares (a picocli mixin): data, output, seed, folds, the n-gram
 * stage's size and penalty, and the MiniLM embedding cache.
 */
public final class TrainingOptions {
  @Option(names = "--data", required = true, paramLabel = "FILE", description = "Labelled JSONL (see the command's description).")
  public Path data;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  public Path out;

  @Option(names = "--seed", defaultValue = "42",
      description = "Seed for folds, generated training material and the MLP (default ${DEFAULT-VALUE}).")
  public long seed;

  @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds (default ${DEFAULT-VALUE}).")
  public int folds;

  @Option(names = "--no-encoder", description = "Train the n-gram stage only (no MiniLM).")
  public boolean noEncoder;

  @Option(names = "--bits", defaultValue = "18", description = "log2 of the n-gram hash buckets (default ${DEFAULT-VALUE}).")
  public int bits;

  @Option(names = "--l2", description = "L2 penalty of the n-gram regressions (default: the trainer's own, see its help).")
  public Double l2;

  /** The {@code --l2} given, else {@code trainerDefault}: each trainer's n-grams were tuned to their own penalty. */
  public double l2(double trainerDefault) {
    return l2 != null ? l2 : trainerDefault;
  }

  @Option(names = "--embedding-cache", paramLabel = "FILE",
      description = "Cache of MiniLM embeddings between runs (default: DIR/embeddings.cache).")
  public Path embeddingCache;

  /**
   * Checks the shared options and creates the output directory.
   *
   * @return the embedding cache file to use
   * @throws UsageException for too few folds or a missing data file
   */
  public Path prepare() throws IOException {
    if (folds < 2) {
      throw new UsageException("--folds must be at least 2");
    }
    if (!Files.isRegularFile(data)) {
      throw new UsageException("--data: file not found: " + data);
    }
    Files.createDirectories(out);
    return embeddingCache != null ? embeddingCache : out.resolve("embeddings.cache");
  }
}
