package dev.bulwark.classifier.tuned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.classifier.ClassifierException;
import dev.bulwark.classifier.head.HeadFile;
import dev.bulwark.classifier.onnx.BertLayout;
import dev.bulwark.classifier.onnx.FloatTensor;
import dev.bulwark.classifier.onnx.OnnxFormatException;
import dev.bulwark.classifier.onnx.OnnxModel;
import dev.bulwark.classifier.runtime.OnnxSession;
import dev.bulwark.classifier.runtime.Threading;
import dev.bulwark.classifier.testing.TinyBert;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncoderDeltaTest {
  private static final TinyBert.Config CONFIG = TinyBert.Config.small(100);
  private static final LinearHead HEAD = new LinearHead(List.of("benign", "attack"), 32, new float[64], new float[] {0, 1});

  @Test
  void aDeltaRoundTripsThroughItsFileAndPatchesTheBaseToTheTunedModel(@TempDir Path dir) throws Exception {
    byte[] base = TinyBert.model(CONFIG, 1);
    OnnxModel baseModel = OnnxModel.read(base, "base.onnx");
    BertLayout layout = BertLayout.of(baseModel);
    // "tuned": the top layer's tensors nudged the way a fine-tuning run would
    Map<String, FloatTensor> tuned = new LinkedHashMap<>();
    Random r = new Random(3);
    OnnxModel expected = OnnxModel.read(base, "expected.onnx");
    for (String name : BertLayout.layerTensors(1)) {
      FloatTensor t = layout.tensor(baseModel, name);
      float[] v = t.data().clone();
      for (int i = 0; i < v.length; i++) {
        v[i] += 0.01f * (float) r.nextGaussian();
      }
      tuned.put(name, new FloatTensor(name, t.shape(), v));
      expected.replace(layout.initializer(name, "test"), v, "test");
    }
    EncoderDelta delta = EncoderDelta.of("base.onnx", base, baseModel, tuned, HEAD, 64, null);
    Path file = dir.resolve("delta.bwd");
    delta.write(file);

    EncoderDelta read = EncoderDelta.read(file);
    assertThat(read.differences().keySet()).containsExactlyElementsOf(tuned.keySet());
    assertThat(read.head().labels()).containsExactly("benign", "attack");
    assertThat(read.maxTokens()).isEqualTo(64);
    OnnxModel patched = OnnxModel.read(base, "base.onnx");
    read.applyTo(patched, base, file.toString());

    long[][] ids = {{1, 9, 40, 77, 3, 2}};
    float[][][] want = run(expected.toBytes(), ids);
    float[][][] got = run(patched.toBytes(), ids);
    for (int t = 0; t < ids[0].length; t++) {
      for (int d = 0; d < 32; d++) {
        // float16 differences: errors of order 0.01 * 2^-11 per weight
        assertThat(got[0][t][d]).isCloseTo(want[0][t][d], Offset.offset(1e-3f));
      }
    }
  }

  @Test
  void aTensorOfTheWrongShapeIsNamedWithTheDeltaFile(@TempDir Path dir) throws Exception {
    byte[] base = TinyBert.model(CONFIG, 1);
    OnnxModel baseModel = OnnxModel.read(base, "base.onnx");
    String name = "encoder.layer.1.output.dense.bias";
    EncoderDelta wrong = new EncoderDelta("base.onnx", EncoderDelta.sha256(base), 64,
        Map.of(name, new FloatTensor(name, new long[] {16}, new float[16])), HEAD, null);
    Path file = dir.resolve("wrong.bwd");
    wrong.write(file);

    assertThatThrownBy(() -> EncoderDelta.read(file).applyTo(OnnxModel.read(base, "base.onnx"), base, file.toString()))
        .isInstanceOf(OnnxFormatException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining(name).hasMessageContaining("[16]").hasMessageContaining("[32]");
    assertThatThrownBy(() -> EncoderDelta.of("base.onnx", base, baseModel,
        Map.of(name, new FloatTensor(name, new long[] {16}, new float[16])), HEAD, 64, null))
        .hasMessageContaining(name);
  }

  @Test
  void aTensorTheModelDoesNotHaveOrAMissingArrayIsNamed(@TempDir Path dir) throws Exception {
    byte[] base = TinyBert.model(CONFIG, 1);
    String name = "encoder.layer.7.output.dense.bias";
    EncoderDelta unknown = new EncoderDelta("base.onnx", EncoderDelta.sha256(base), 64,
        Map.of(name, new FloatTensor(name, new long[] {32}, new float[32])), HEAD, null);
    assertThatThrownBy(() -> unknown.applyTo(OnnxModel.read(base, "base.onnx"), base, "unknown.bwd"))
        .hasMessageContaining("unknown.bwd").hasMessageContaining(name);

    // a file whose metadata lists a tensor whose values are absent
    var meta = HeadFile.newMetadata().put("format", EncoderDelta.FORMAT).put("version", 1).put("dimension", 32);
    meta.putArray("labels").add("benign").add("attack");
    meta.putObject("tensors").putArray("encoder.layer.0.output.dense.bias").add(32);
    Path file = dir.resolve("missing.bwd");
    new HeadFile(meta, Map.of("head/weight", new float[64], "head/bias", new float[2])).write(file, java.util.Set.of());
    assertThatThrownBy(() -> EncoderDelta.read(file))
        .isInstanceOf(OnnxFormatException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("encoder.layer.0.output.dense.bias").hasMessageContaining("missing");

    Path noHead = dir.resolve("nohead.bwd");
    meta.putObject("tensors");
    new HeadFile(meta, Map.of("head/weight", new float[64])).write(noHead, java.util.Set.of());
    assertThatThrownBy(() -> EncoderDelta.read(noHead)).hasMessageContaining(noHead.toString()).hasMessageContaining("head/bias");
    assertThatThrownBy(() -> EncoderDelta.read(dir.resolve("absent.bwd"))).isInstanceOf(ClassifierException.class)
        .hasMessageContaining("absent.bwd").hasMessageContaining("not found");
  }

  @Test
  void aDeltaForAnotherBaseModelIsRefused() {
    byte[] base = TinyBert.model(CONFIG, 1);
    byte[] other = TinyBert.model(CONFIG, 2);
    EncoderDelta delta = EncoderDelta.of("base.onnx", base, OnnxModel.read(base, "base.onnx"), Map.of(), HEAD, 64, null);
    assertThatThrownBy(() -> delta.applyTo(OnnxModel.read(other, "other.onnx"), other, "d.bwd"))
        .hasMessageContaining("d.bwd").hasMessageContaining("SHA-256").hasMessageContaining("other.onnx");
  }

  static float[][][] run(byte[] model, long[][] ids) {
    try (OnnxSession s = OnnxSession.open(model, "test", Threading.of(1))) {
      return (float[][][]) s.run(ids, 0, "last_hidden_state");
    }
  }
}
