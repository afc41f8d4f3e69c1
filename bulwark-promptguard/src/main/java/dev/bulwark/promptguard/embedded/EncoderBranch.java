package dev.bulwark.promptguard.embedded;

import dev.bulwark.classifier.SentenceEncoder;
import dev.bulwark.classifier.WindowedEmbedder;
import dev.bulwark.classifier.head.Mlp;
import java.time.Duration;

/**
 * The encoder stage: the text's windowed MiniLM embedding ({@link WindowedEmbedder}), then a small MLP.
 */
public final class EncoderBranch implements EncoderStage {
  /** Content tokens per window (256 positions with [CLS] and [SEP]). */
  public static final int WINDOW_TOKENS = WindowedEmbedder.WINDOW_TOKENS;

  private final WindowedEmbedder embedder;
  private final Mlp mlp;

  /**
   * @param mlp the head (null while training, when only embeddings are wanted)
   * @param microBatch batch concurrent callers' windows (max 8 per call, waiting at most {@code maxWait})
   */
  public EncoderBranch(SentenceEncoder encoder, Mlp mlp, boolean microBatch, Duration maxWait, int workers) {
    this.embedder = new WindowedEmbedder(encoder, "prompt-guard-encoder", microBatch, maxWait, workers);
    this.mlp = mlp;
  }

  @Override
  public double meanBatchSize() {
    return embedder.meanBatchSize();
  }

  /** The mean of the window embeddings of {@code text}. */
  public float[] embedding(String text) {
    return embedder.embed(text);
  }

  public int windowCount(String text) {
    return embedder.windowCount(text);
  }

  @Override
  public double logit(String text) {
    return mlp.logits(embedding(text))[0];
  }

  public SentenceEncoder encoder() {
    return embedder.encoder();
  }

  @Override
  public void close() {
    embedder.close();
  }
}
