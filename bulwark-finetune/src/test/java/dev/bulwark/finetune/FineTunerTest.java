package dev.bulwark.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.bulwark.classifier.Tokeniser;
import dev.bulwark.classifier.TunedEncoder;
import dev.bulwark.classifier.metrics.BinaryMetrics;
import dev.bulwark.classifier.onnx.BertLayout;
import dev.bulwark.classifier.onnx.FloatTensor;
import dev.bulwark.classifier.onnx.OnnxModel;
import dev.bulwark.classifier.testing.TinyBert;
import dev.bulwark.classifier.tuned.EncoderDelta;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fine-tuning a 2-layer, 32-wide random BERT on a toy task: learns, is reproducible, exports what ORT runs. */
class FineTunerTest {
  private static final byte[] BASE = TinyBert.model(TinyBert.Config.small(100), 11);
  private static final List<String> LABELS = List.of("benign", "attack");

  /** Rows of ids 5..49; in a positive row about a third of the tokens are "attack" ids from 50..59. */
  private static List<long[]> rows(int n, int[] targets, long seed) {
    Random r = new Random(seed);
    List<long[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int len = 3 + r.nextInt(18);
      long[] row = new long[len + 2];
      row[0] = 1;
      row[len + 1] = 2;
      for (int t = 1; t <= len; t++) {
        row[t] = 5 + r.nextInt(45);
      }
      targets[i] = i % 3 == 0 ? 1 : 0;
      if (targets[i] == 1) {
        for (int k = 0; k <= len / 3; k++) {
          row[1 + r.nextInt(len)] = 50 + r.nextInt(10);
        }
      }
      out.add(row);
    }
    return out;
  }

  private static FineTuneOptions options(int topLayers) {
    return FineTuneOptions.defaults().withTopLayers(topLayers).withEpochs(4).withBatch(16, 8).withMaxTokens(32)
        .withLearningRates(1e-3, 1e-2).withLogEvery(1000);
  }

  @Test
  void learnsAToyTaskAndTheExportedDeltaScoresTheSameInOnnxRuntime(@TempDir Path dir) throws Exception {
    int[] targets = new int[240];
    List<long[]> train = rows(240, targets, 1);
    int[] testTargets = new int[90];
    List<long[]> test = rows(90, testTargets, 2);
    List<String> log = new ArrayList<>();
    try (NDManager root = NDManager.newBaseManager();
        BertEncoder encoder = BertEncoder.load(OnnxModel.read(BASE, "tiny"), 4, 1e-12f, root);
        FineTuner tuner = new FineTuner(encoder, options(2).withLogEvery(15), LABELS, 0, root, log::add)) {
      FineTuner.Result result = tuner.train(train, targets);
      assertThat(result.steps()).isEqualTo(4 * 15);
      assertThat(result.skippedSteps()).isZero();
      List<String> progress = log.stream().filter(l -> l.contains("examples/s") && l.contains("ETA")).toList();
      assertThat(progress).hasSize(4);
      // the loss of the last quarter of the steps is well below the first quarter's
      assertThat(loss(progress.get(3))).isLessThan(loss(progress.get(0)) - 0.15);

      float[][] p = tuner.probabilities(test, 16);
      assertThat(auc(p, testTargets)).isGreaterThan(0.8);

      EncoderDelta delta = DeltaExport.delta(tuner, encoder, "tiny.onnx", BASE, 32, null);
      assertThat(delta.differences()).hasSize(2 * 16);
      Path file = dir.resolve("tiny.bwd");
      delta.write(file);
      Tokeniser tok = Tokeniser.load(getClass().getResourceAsStream(TunedEncoder.MINILM_FP32_TOKENIZER_RESOURCE), "minilm tokenizer");
      double diff = DeltaExport.maxDifference(EncoderDelta.read(file), BASE, "tiny.onnx", tok, test, p);
      assertThat(diff).isLessThan(1e-3);
    }
  }

  @Test
  void theSameSeedGivesTheSameModelAndOnlyTheTopLayersMove() {
    int[] targets = new int[64];
    List<long[]> train = rows(64, targets, 3);
    Map<String, FloatTensor> first = trainOnce(train, targets, 42);
    Map<String, FloatTensor> again = trainOnce(train, targets, 42);
    Map<String, FloatTensor> other = trainOnce(train, targets, 7);
    OnnxModel base = OnnxModel.read(BASE, "tiny");
    BertLayout layout = BertLayout.of(base);

    String top = "encoder.layer.1.output.dense.weight";
    String bottom = "encoder.layer.0.output.dense.weight";
    assertThat(first.get(top).data()).containsExactly(again.get(top).data());
    assertThat(first.get("head").data()).containsExactly(again.get("head").data());
    assertThat(first.get("head").data()).isNotEqualTo(other.get("head").data());
    assertThat(first.get(top).data()).isNotEqualTo(layout.tensor(base, top).data());
    assertThat(first.get(bottom).data()).containsExactly(layout.tensor(base, bottom).data());
  }

  private static Map<String, FloatTensor> trainOnce(List<long[]> train, int[] targets, long seed) {
    try (NDManager root = NDManager.newBaseManager();
        BertEncoder encoder = BertEncoder.load(OnnxModel.read(BASE, "tiny"), 4, 1e-12f, root);
        FineTuner tuner = new FineTuner(encoder, options(1).withEpochs(1).withSeed(seed), LABELS, 0, root, l -> { })) {
      tuner.train(train, targets);
      var out = new java.util.LinkedHashMap<>(encoder.tensors(List.of("encoder.layer.1.output.dense.weight", "encoder.layer.0.output.dense.weight")));
      float[] head = tuner.exportHead().weight();
      out.put("head", new FloatTensor("head", new long[] {head.length}, head));
      return out;
    }
  }

  private static double loss(String progressLine) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("loss ([0-9.]+)").matcher(progressLine);
    assertThat(m.find()).isTrue();
    return Double.parseDouble(m.group(1));
  }

  static double auc(float[][] p, int[] targets) {
    List<Double> pos = new ArrayList<>();
    List<Double> neg = new ArrayList<>();
    for (int i = 0; i < p.length; i++) {
      (targets[i] == 1 ? pos : neg).add((double) p[i][1]);
    }
    return BinaryMetrics.auc(pos.stream().mapToDouble(Double::doubleValue).toArray(), neg.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
