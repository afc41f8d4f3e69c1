package dev.bulwark.classifier.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.classifier.tuned.EncoderDelta;
import java.util.List;

/**
 * Fine-tuning of a transformer encoder and a binary head, as a trainer sees it. The implementation lives in the
 * training-only module {@code bulwark-finetune} (PyTorch); the trainers of the scanner modules take this interface so
 * that a scanner's library users never pull a training engine.
 */
public interface EncoderTuning {
  /**
   * Fine-tunes on {@code texts}.
   *
   * @param positive the class of each text
   * @param weights each text's weight in the loss (on top of the inverse class frequency), e.g. language balancing
   * @param what names the run in progress lines ("fold 1 of 2", "all rows")
   */
  Tuned tune(List<String> texts, boolean[] positive, float[] weights, String what);

  /** One line saying what is tuned and how (layers, epochs, tokens), for reports. */
  String description();

  /** A fine-tuned encoder with its head. */
  interface Tuned extends AutoCloseable {
    /** The logit of the positive class of each text: log(p / (1 - p)). */
    double[] logits(List<String> texts);

    /** The trained tensors as a delta over the base model, with {@code training} as its provenance. */
    EncoderDelta delta(ObjectNode training);

    /** Wall time of the training, in seconds. */
    double trainingSeconds();

    @Override
    void close();
  }
}
