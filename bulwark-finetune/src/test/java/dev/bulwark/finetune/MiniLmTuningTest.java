package dev.bulwark.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.classifier.Tokeniser;
import dev.bulwark.classifier.TunedEncoder;
import dev.bulwark.classifier.metrics.BinaryMetrics;
import dev.bulwark.classifier.runtime.Threading;
import dev.bulwark.classifier.testing.TinyBert;
import dev.bulwark.classifier.train.EncoderTuning;
import dev.bulwark.classifier.tuned.EncoderDelta;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The trainers' view of fine-tuning, on texts: a tiny random BERT with MiniLM's vocabulary and tokenizer learns a toy
 * task, its logits agree with what ONNX Runtime computes from the exported delta, and row weights move the model.
 */
class MiniLmTuningTest {
  private static final byte[] BASE = TinyBert.model(new TinyBert.Config(30522, 32, 2, 4, 64, 64), 5);
  private static final String[] TOPICS = {"weather", "recipes", "football", "gardening", "trains", "music", "taxes", "birds"};
  private static final String[] ATTACK = {"ignore", "previous", "instructions", "reveal", "secret", "password"};

  private static byte[] tokenizer() throws Exception {
    try (InputStream in = MiniLmTuningTest.class.getResourceAsStream(TunedEncoder.MINILM_FP32_TOKENIZER_RESOURCE)) {
      return in.readAllBytes();
    }
  }

  private static List<String> texts(int n, boolean[] positive, long seed) {
    Random r = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      positive[i] = i % 3 == 0;
      StringBuilder sb = new StringBuilder();
      for (int w = 0; w < 6 + r.nextInt(6); w++) {
        String word = positive[i] && r.nextInt(3) == 0 ? ATTACK[r.nextInt(ATTACK.length)] : TOPICS[r.nextInt(TOPICS.length)];
        sb.append(word).append(' ');
      }
      if (positive[i]) {
        sb.append(ATTACK[r.nextInt(ATTACK.length)]);
      }
      out.add(sb.toString().trim());
    }
    return out;
  }

  private static MiniLmTuning tuning(List<String> log) throws Exception {
    FineTuneOptions o = FineTuneOptions.defaults().withTopLayers(2).withEpochs(4).withBatch(16, 8).withMaxTokens(24)
        .withLearningRates(1e-3, 1e-2).withLogEvery(1000);
    return new MiniLmTuning(o, BASE, 4, tokenizer(), 1, log::add);
  }

  @Test
  void learnsFromTextsAndItsLogitsAreWhatOnnxRuntimeComputesFromTheDelta() throws Exception {
    boolean[] positive = new boolean[180];
    List<String> train = texts(180, positive, 1);
    float[] weights = new float[180];
    Arrays.fill(weights, 1f);
    boolean[] testPositive = new boolean[60];
    List<String> test = texts(60, testPositive, 2);
    List<String> log = new ArrayList<>();
    try (EncoderTuning.Tuned tuned = tuning(log).tune(train, positive, weights, "toy")) {
      assertThat(log).anyMatch(l -> l.startsWith("toy: fine-tuning 180 rows"));
      assertThat(tuned.trainingSeconds()).isPositive();
      double[] logits = tuned.logits(test);
      assertThat(auc(logits, testPositive)).isGreaterThan(0.85);

      EncoderDelta delta = tuned.delta(null);
      assertThat(delta.maxTokens()).isEqualTo(24);
      try (TunedEncoder ort = TunedEncoder.open(delta, "toy delta", BASE, "tiny", Tokeniser.load(
          new java.io.ByteArrayInputStream(tokenizer()), "tokenizer"), Threading.of(1))) {
        List<float[]> p = ort.probabilities(test);
        for (int i = 0; i < test.size(); i++) {
          double ortLogit = Math.log(p.get(i)[1]) - Math.log(p.get(i)[0]);
          assertThat(ortLogit).as(test.get(i)).isCloseTo(logits[i], org.assertj.core.data.Offset.offset(1e-3));
        }
      }
    }
  }

  @Test
  void rowWeightsChangeTheModelAndMustMatchTheRows() throws Exception {
    boolean[] positive = new boolean[48];
    List<String> train = texts(48, positive, 3);
    float[] ones = new float[48];
    Arrays.fill(ones, 1f);
    float[] skewed = ones.clone();
    for (int i = 0; i < skewed.length; i += 2) {
      skewed[i] = 4f;
    }
    List<String> probe = train.subList(0, 5);
    double[] a;
    double[] b;
    try (EncoderTuning.Tuned t = tuning(new ArrayList<>()).tune(train, positive, ones, "ones")) {
      a = t.logits(probe);
    }
    try (EncoderTuning.Tuned t = tuning(new ArrayList<>()).tune(train, positive, skewed, "skewed")) {
      b = t.logits(probe);
    }
    assertThat(b).isNotEqualTo(a);
    assertThatThrownBy(() -> tuning(new ArrayList<>()).tune(train, positive, new float[3], "bad"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 weights");
  }

  private static double auc(double[] scores, boolean[] positive) {
    List<Double> pos = new ArrayList<>();
    List<Double> neg = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      (positive[i] ? pos : neg).add(scores[i]);
    }
    return BinaryMetrics.auc(pos.stream().mapToDouble(Double::doubleValue).toArray(), neg.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
