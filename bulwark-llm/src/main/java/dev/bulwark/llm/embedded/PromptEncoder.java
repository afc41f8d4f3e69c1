package dev.bulwark.llm.embedded;

import dev.bulwark.classifier.TunedEncoder;
import dev.bulwark.classifier.WindowedEmbedder;
import dev.bulwark.classifier.head.Mlp;
import dev.bulwark.classifier.tuned.LinearHead;
import java.util.List;

/**
 * The encoder stage of the prompt model: the unsafe-vs-safe logit the stack reads and the embedding the category model
 * reads, from one encoder run. Either an MLP over frozen int8 MiniLM embeddings or a fine-tuned MiniLM with its own head
 * (whose pooled output is the embedding).
 */
public interface PromptEncoder extends AutoCloseable {
  /** What the encoder says about one text. */
  record Encoded(double logit, float[] embedding) {}

  Encoded encode(String text);

  @Override
  void close();

  /** This encoder for a second user that does not own it: closing the view leaves the encoder open. */
  default PromptEncoder borrowed() {
    PromptEncoder owner = this;
    return new PromptEncoder() {
      @Override
      public Encoded encode(String text) {
        return owner.encode(text);
      }

      @Override
      public void close() {}
    };
  }

  /** The MLP {@code mlp} over {@code embedder}'s embeddings; closing closes the embedder when {@code owns}. */
  static PromptEncoder frozen(WindowedEmbedder embedder, Mlp mlp, boolean owns) {
    return new PromptEncoder() {
      @Override
      public Encoded encode(String text) {
        float[] e = embedder.embed(text);
        return new Encoded(mlp.logits(e)[0], e);
      }

      @Override
      public void close() {
        if (owns) {
          embedder.close();
        }
      }
    };
  }

  /**
   * A fine-tuned encoder: its head's log-odds of the unsafe label and its pooled output. It reads a text's first
   * {@link TunedEncoder#maxTokens()} positions, as it was tuned. Closing closes the encoder when {@code owns}.
   */
  static PromptEncoder tuned(TunedEncoder encoder, boolean owns) {
    return new PromptEncoder() {
      @Override
      public Encoded encode(String text) {
        TunedEncoder.Output o = encoder.outputs(List.of(text)).get(0);
        return new Encoded(LinearHead.logOdds(o.probabilities()), o.pooled());
      }

      @Override
      public void close() {
        if (owns) {
          encoder.close();
        }
      }
    };
  }
}
