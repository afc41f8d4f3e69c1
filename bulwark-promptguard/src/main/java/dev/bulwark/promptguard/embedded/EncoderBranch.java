package dev.bulwark.promptguard.embedded;

import dev.bulwark.classifier.MicroBatcher;
import dev.bulwark.classifier.SentenceEncoder;
import dev.bulwark.classifier.TokenWindow;
import dev.bulwark.classifier.Tokens;
import dev.bulwark.classifier.Windower;
import dev.bulwark.classifier.head.Mlp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoder stage: MiniLM embeddings of overlapping token windows, averaged over the windows, then a small MLP.
 * Concurrent callers' windows can be micro-batched; windows are grouped by exact length, because padded batch-mates
 * shift the int8 model's outputs (measured: cosine 0.9975 padded vs 1.0 for equal lengths).
 */
public final class EncoderBranch implements AutoCloseable {
  /** Content tokens per window (256 positions with [CLS] and [SEP]) and the overlap between windows. */
  public static final int WINDOW_TOKENS = 254;

  public static final int WINDOW_OVERLAP = 32;

  private final SentenceEncoder encoder;
  private final Windower windower;
  private final Mlp mlp;
  private final MicroBatcher<long[], float[]> batcher;

  /**
   * @param mlp the head (null while training, when only embeddings are wanted)
   * @param microBatch batch concurrent callers' windows (max 8 per call, waiting at most {@code maxWait})
   */
  public EncoderBranch(SentenceEncoder encoder, Mlp mlp, boolean microBatch, Duration maxWait, int workers) {
    this.encoder = encoder;
    this.windower = new Windower(Math.min(WINDOW_TOKENS, encoder.maxContentTokens()), WINDOW_OVERLAP);
    this.mlp = mlp;
    this.batcher = microBatch
        ? new MicroBatcher<>("prompt-guard-encoder", 8, maxWait, workers, w -> w.length, encoder::embed)
        : null;
  }

  public double meanBatchSize() {
    return batcher == null ? 1 : batcher.meanBatchSize();
  }

  /** The mean of the window embeddings of {@code text}, and how many windows there were. */
  public float[] embedding(String text) {
    Tokens tokens = encoder.tokeniser().tokenise(text);
    List<TokenWindow> windows = windower.windows(tokens);
    List<long[]> inputs = new ArrayList<>(windows.size());
    for (TokenWindow w : windows) {
      inputs.add(encoder.tokeniser().wrap(tokens, w.tokenStart(), w.tokenEnd()));
    }
    List<float[]> embeddings;
    if (batcher != null) {
      embeddings = batcher.apply(inputs);
    } else {
      embeddings = new ArrayList<>(inputs.size());
      for (long[] in : inputs) {
        embeddings.addAll(encoder.embed(List.of(in)));
      }
    }
    float[] mean = new float[encoder.dimension()];
    for (float[] e : embeddings) {
      for (int i = 0; i < mean.length; i++) {
        mean[i] += e[i] / embeddings.size();
      }
    }
    return mean;
  }

  public int windowCount(String text) {
    return windower.windows(encoder.tokeniser().tokenise(text)).size();
  }

  public double logit(String text) {
    return mlp.logits(embedding(text))[0];
  }

  public SentenceEncoder encoder() {
    return encoder;
  }

  @Override
  public void close() {
    if (batcher != null) {
      batcher.close();
    }
    encoder.close();
  }
}
