package dev.bulwark.llm.embedded;

import dev.bulwark.classifier.MicroBatcher;
import dev.bulwark.classifier.SentenceEncoder;
import dev.bulwark.classifier.TokenWindow;
import dev.bulwark.classifier.Tokens;
import dev.bulwark.classifier.Windower;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoder stage: the embedded int8 MiniLM over overlapping token windows of a text, mean-pooled per window and
 * averaged over windows. Concurrent callers' windows can be micro-batched; batches only ever hold windows of one
 * length, because padded batch-mates shift the int8 model's outputs.
 */
public final class TextEmbedder implements AutoCloseable {
  /** Content tokens per window (256 positions with [CLS] and [SEP]) and the overlap between windows. */
  public static final int WINDOW_TOKENS = 254;

  public static final int WINDOW_OVERLAP = 32;

  private final SentenceEncoder encoder;
  private final Windower windower;
  private final MicroBatcher<long[], float[]> batcher;

  /**
   * @param microBatch batch concurrent callers' windows (at most 8 per call, waiting at most {@code maxWait})
   */
  public TextEmbedder(SentenceEncoder encoder, boolean microBatch, Duration maxWait) {
    this.encoder = encoder;
    this.windower = new Windower(Math.min(WINDOW_TOKENS, encoder.maxContentTokens()), WINDOW_OVERLAP);
    this.batcher = microBatch
        ? new MicroBatcher<>("llama-guard-encoder", 8, maxWait, 2, w -> w.length, encoder::embed)
        : null;
  }

  /** The embedded MiniLM; {@code threads} = ONNX Runtime intra-op threads (0 = its default). */
  public static TextEmbedder miniLm(int threads, boolean microBatch, Duration maxWait) {
    return new TextEmbedder(SentenceEncoder.embeddedMiniLm(threads), microBatch, maxWait);
  }

  public int dimension() {
    return encoder.dimension();
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
