package dev.bulwark.classifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole text's embedding from a sentence encoder: the text is cut into overlapping token windows, each window is
 * mean-pooled by the encoder, and the window embeddings are averaged. Concurrent callers' windows can be
 * micro-batched; batches only ever hold windows of one length, because padded batch-mates shift an int8 model's
 * outputs (measured: cosine 0.9975 padded vs 1.0 for equal lengths).
 *
 * <p>The trained heads of Prompt Guard and Llama Guard read these embeddings, so the arithmetic here must not change
 * without retraining them.
 */
public final class WindowedEmbedder implements AutoCloseable {
  /** Content tokens per window (256 positions with [CLS] and [SEP]) and the overlap between windows. */
  public static final int WINDOW_TOKENS = 254;

  public static final int WINDOW_OVERLAP = 32;

  private final SentenceEncoder encoder;
  private final Windower windower;
  private final MicroBatcher<long[], float[]> batcher;

  /**
   * @param name names the micro-batcher's threads
   * @param microBatch batch concurrent callers' windows (at most 8 per call, waiting at most {@code maxWait})
   * @param workers micro-batcher threads that run inferences
   */
  public WindowedEmbedder(SentenceEncoder encoder, String name, boolean microBatch, Duration maxWait, int workers) {
    this.encoder = encoder;
    this.windower = new Windower(Math.min(WINDOW_TOKENS, encoder.maxContentTokens()), WINDOW_OVERLAP);
    this.batcher = microBatch ? new MicroBatcher<>(name, 8, maxWait, workers, w -> w.length, encoder::embed) : null;
  }

  /** The embedded int8 MiniLM; {@code threads} = ONNX Runtime intra-op threads (0 = its default). */
  public static WindowedEmbedder miniLm(String name, int threads, boolean microBatch, Duration maxWait, int workers) {
    return new WindowedEmbedder(SentenceEncoder.embeddedMiniLm(threads), name, microBatch, maxWait, workers);
  }

  public int dimension() {
    return encoder.dimension();
  }

  public SentenceEncoder encoder() {
    return encoder;
  }

  /** Mean windows per inference call so far (1 without micro-batching). */
  public double meanBatchSize() {
    return batcher == null ? 1 : batcher.meanBatchSize();
  }

  /** The mean of the window embeddings of {@code text}. */
  public float[] embed(String text) {
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

  /** How many windows {@code text} is cut into. */
  public int windowCount(String text) {
    return windower.windows(encoder.tokeniser().tokenise(text)).size();
  }

  /** Token count of {@code text} (content tokens, no specials). */
  public int tokenCount(String text) {
    return encoder.tokeniser().tokenise(text).size();
  }

  @Override
  public void close() {
    if (batcher != null) {
      batcher.close();
    }
    encoder.close();
  }
}
