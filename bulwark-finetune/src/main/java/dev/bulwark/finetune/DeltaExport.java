package dev.bulwark.finetune;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.classifier.Tokeniser;
import dev.bulwark.classifier.TunedEncoder;
import dev.bulwark.classifier.onnx.OnnxModel;
import dev.bulwark.classifier.runtime.Threading;
import dev.bulwark.classifier.tuned.EncoderDelta;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a fine-tuned encoder into the {@link EncoderDelta} that ships, and checks the shipped form: the base ONNX
 * model patched with the delta, run by ONNX Runtime, must score rows as the DJL model does.
 */
public final class DeltaExport {
  private DeltaExport() {}

  /** The trained tensors (only those) and the head, as differences from {@code base}. */
  public static EncoderDelta delta(FineTuner tuner, BertEncoder encoder, String baseName, byte[] baseBytes, int maxTokens,
      ObjectNode training) {
    OnnxModel base = OnnxModel.read(baseBytes, baseName);
    return EncoderDelta.of(baseName, baseBytes, base, encoder.tensors(tuner.trainedWeights()), tuner.exportHead(), maxTokens,
        training);
  }

  /**
   * The largest difference between ONNX Runtime's probabilities (base + delta) and {@code expected} (the DJL model's)
   * over {@code inputs}. The tokeniser is closed with the ONNX session.
   */
  public static double maxDifference(EncoderDelta delta, byte[] baseBytes, String baseName, Tokeniser tokeniser,
      List<long[]> inputs, float[][] expected) {
    double worst = 0;
    try (TunedEncoder ort = TunedEncoder.open(delta, "exported delta", baseBytes, baseName, tokeniser, Threading.of(2))) {
      int[] lengths = inputs.stream().mapToInt(r -> r.length).toArray();
      for (List<Integer> batch : LengthBatches.byLength(lengths, 16)) {
        List<long[]> rows = new ArrayList<>();
        batch.forEach(i -> rows.add(inputs.get(i)));
        List<float[]> got = ort.probabilitiesOfInputs(rows);
        for (int j = 0; j < batch.size(); j++) {
          float[] want = expected[batch.get(j)];
          for (int c = 0; c < want.length; c++) {
            worst = Math.max(worst, Math.abs(got.get(j)[c] - want[c]));
          }
        }
      }
    }
    return worst;
  }
}
