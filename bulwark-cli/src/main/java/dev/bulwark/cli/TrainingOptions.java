package dev.bulwark.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.bulwark.classifier.data.OrdinarySources;
import dev.bulwark.classifier.data.BadRows;
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

  @Option(names = "--benign", paramLabel = "FILE",
      description = "Ordinary, benign traffic (JSONL, all rows benign), e.g. ../shared/datasets/ordinary_traffic/dev.jsonl;"
          + " repeatable. A share of its rows (--benign-share) is trained on, the rest held back and scored after training.")
  public List<Path> benign = new ArrayList<>();

  @Option(names = "--benign-share", defaultValue = "50", paramLabel = "PERCENT",
      description = "Percent of each --benign file's rows trained on, chosen by a hash of the id (default ${DEFAULT-VALUE}).")
  public int benignShare;

  @Option(names = "--no-everyday", description = "Leave out the project's own everyday-traffic corpus (train split).")
  public boolean noEveryday;

  @Option(names = "--ordinary-flag-rate", paramLabel = "RATE",
      description = "Most ordinary traffic the default threshold may flag, out of fold (default: the trainer's own, see its help).")
  public Double ordinaryFlagRate;

  /** The ordinary-traffic sources and the flag-rate target ({@code --ordinary-flag-rate}, else {@code trainerDefault}). */
  public OrdinarySources ordinary(double trainerDefault) {
    for (Path f : benign) {
      if (!Files.isRegularFile(f)) {
        throw new UsageException("--benign: file not found: " + f);
      }
    }
    try {
      return new OrdinarySources(benign, benignShare, !noEveryday, ordinaryFlagRate != null ? ordinaryFlagRate : trainerDefault);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  @Option(names = "--on-bad-row", defaultValue = "fail", paramLabel = "fail|skip",
      description = "A bad training row (not JSON or UTF-8, no text, empty text, missing or unknown label, duplicate id,"
          + " a line over 4 MB): stop at the first with its file and line (fail, the default), or skip each and list it (skip).")
  public String onBadRow;

  /** The bad-row policy of {@code --on-bad-row}. */
  public BadRows badRows() {
    return switch (onBadRow.toLowerCase(java.util.Locale.ROOT)) {
      case "fail" -> new BadRows(BadRows.Policy.FAIL);
      case "skip" -> new BadRows(BadRows.Policy.SKIP);
      default -> throw new UsageException("--on-bad-row must be fail or skip, got '" + onBadRow + "'");
    };
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
