package dev.bulwark.promptguard.embedded;

import dev.bulwark.classifier.TunedEncoder;
import dev.bulwark.classifier.runtime.Threading;
import dev.bulwark.classifier.tuned.EncoderDelta;
import dev.bulwark.classifier.tuned.LinearHead;
import java.util.List;

/**
 * The encoder stage of a head trained with a fine-tuned MiniLM: the fp32 base patched with the head's delta, on ONNX
 * Runtime, reading the text's first {@link EncoderDelta#maxTokens()} positions as it was tuned.
 */
public final class TunedEncoderStage implements EncoderStage {
  private final TunedEncoder encoder;

  public TunedEncoderStage(EncoderDelta delta, Threading threads) {
    this.encoder = TunedEncoder.miniLm(delta, "the Prompt Guard head's tuned encoder", threads);
  }

  @Override
  public double logit(String text) {
    return LinearHead.logOdds(encoder.probabilities(List.of(text)).get(0));
  }

  @Override
  public double meanBatchSize() {
    return 1;
  }

  @Override
  public void close() {
    encoder.close();
  }
}
