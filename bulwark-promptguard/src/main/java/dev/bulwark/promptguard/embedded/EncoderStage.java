package dev.bulwark.promptguard.embedded;

/** The cascade's encoder stage: a text's attack logit from a transformer encoder. */
public interface EncoderStage extends AutoCloseable {
  double logit(String text);

  /** Texts per encoder call, on average (1 when callers are not batched together). */
  double meanBatchSize();

  @Override
  void close();
}
