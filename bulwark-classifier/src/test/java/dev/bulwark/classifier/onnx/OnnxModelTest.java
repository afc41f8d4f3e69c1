package dev.bulwark.classifier.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.classifier.runtime.OnnxSession;
import dev.bulwark.classifier.runtime.Threading;
import dev.bulwark.classifier.testing.TinyBert;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelTest {
  private static final TinyBert.Config CONFIG = TinyBert.Config.small(100);

  @Test
  void readsInitializersAndWritesAnUnchangedModelBackByteForByte() {
    byte[] bytes = TinyBert.model(CONFIG, 1);
    OnnxModel model = OnnxModel.read(bytes, "tiny.onnx");

    assertThat(model.tensor("embeddings.word_embeddings.weight").shape()).containsExactly(100, 32);
    assertThat(model.isFloat("c_split_heads")).isFalse();
    assertThat(model.toBytes()).isEqualTo(bytes);
  }

  @Test
  void namesTheAnonymousMatMulWeightsByTheBiasTheirOutputIsAddedTo() {
    OnnxModel model = OnnxModel.read(TinyBert.model(CONFIG, 1), "tiny.onnx");
    BertLayout layout = BertLayout.of(model);

    assertThat(layout.layers()).isEqualTo(2);
    assertThat(layout.initializer("encoder.layer.0.attention.self.query.weight", "test")).startsWith("onnx::MatMul_");
    assertThat(layout.tensor(model, "encoder.layer.1.intermediate.dense.weight").shape()).containsExactly(32, 64);
    assertThat(layout.tensor(model, "encoder.layer.1.output.dense.weight").shape()).containsExactly(64, 32);
  }

  @Test
  void aReplacedTensorReachesOnnxRuntime() {
    OnnxModel model = OnnxModel.read(TinyBert.model(CONFIG, 1), "tiny.onnx");
    long[][] ids = {{1, 5, 7, 2}};
    float[][][] before = run(model.toBytes(), ids);
    // the graph ends by adding the last LayerNorm's bias: adding 1 to it adds 1 to every output
    FloatTensor bias = model.tensor("encoder.layer.1.output.LayerNorm.bias");
    float[] shifted = bias.data().clone();
    for (int i = 0; i < shifted.length; i++) {
      shifted[i] += 1;
    }
    model.replace(bias.name(), shifted, "test");
    float[][][] after = run(model.toBytes(), ids);

    for (int t = 0; t < 4; t++) {
      for (int d = 0; d < 32; d++) {
        assertThat(after[0][t][d]).isCloseTo(before[0][t][d] + 1, org.assertj.core.data.Offset.offset(1e-5f));
      }
    }
    assertThat(OnnxModel.read(model.toBytes(), "patched").tensor(bias.name()).data()).containsExactly(shifted);
  }

  @Test
  void aReplacementOfTheWrongShapeNamesTheTensorAndBothSources() {
    OnnxModel model = OnnxModel.read(TinyBert.model(CONFIG, 1), "tiny.onnx");
    String name = "encoder.layer.0.output.LayerNorm.bias";

    assertThatThrownBy(() -> model.replace(new FloatTensor(name, new long[] {16}, new float[16]), "delta.bwd"))
        .isInstanceOf(OnnxFormatException.class)
        .hasMessageContaining("delta.bwd").hasMessageContaining(name).hasMessageContaining("[16]")
        .hasMessageContaining("tiny.onnx").hasMessageContaining("[32]");
    assertThatThrownBy(() -> model.replace(name, new float[3], "delta.bwd"))
        .hasMessageContaining("delta.bwd").hasMessageContaining(name);
    assertThatThrownBy(() -> model.tensor("no.such.tensor")).hasMessageContaining("tiny.onnx").hasMessageContaining("no.such.tensor");
  }

  @Test
  void readsFloatDataAsWellAsRawData() {
    ProtoWriter packed = new ProtoWriter().varint(1, 2).varint(2, 1).string(8, "packed").floats(4, new float[] {1.5f, -2f});
    // older exporters write one fixed32 field per value instead of a packed run
    ProtoWriter unpacked = new ProtoWriter().varint(1, 2).varint(2, 1).string(8, "unpacked");
    byte[] fixed32 = fixed32Field(4, 3f);
    byte[] fixed32b = fixed32Field(4, 4f);
    ProtoWriter graph = new ProtoWriter().message(5, packed).bytes(5, concat(unpacked.toByteArray(), fixed32, fixed32b));
    byte[] model = new ProtoWriter().varint(1, 7).message(7, graph).toByteArray();

    OnnxModel m = OnnxModel.read(model, "handmade.onnx");
    assertThat(m.tensor("packed").data()).containsExactly(1.5f, -2f);
    assertThat(m.tensor("unpacked").data()).containsExactly(3f, 4f);
  }

  @Test
  void missingOrCorruptFilesAreNamed(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> OnnxModel.read(dir.resolve("none.onnx")))
        .isInstanceOf(OnnxFormatException.class).hasMessageContaining("not found").hasMessageContaining("none.onnx");
    java.nio.file.Files.write(dir.resolve("bad.onnx"), new byte[] {0x0a, 0x7f, 1, 2});
    assertThatThrownBy(() -> OnnxModel.read(dir.resolve("bad.onnx")))
        .isInstanceOf(OnnxFormatException.class).hasMessageContaining("bad.onnx");
  }

  static float[][][] run(byte[] model, long[][] ids) {
    try (OnnxSession s = OnnxSession.open(model, "test", Threading.of(1))) {
      return (float[][][]) s.run(ids, 0, "last_hidden_state");
    }
  }

  private static byte[] fixed32Field(int field, float v) {
    int bits = Float.floatToIntBits(v);
    return new byte[] {(byte) ((field << 3) | 5), (byte) bits, (byte) (bits >>> 8), (byte) (bits >>> 16), (byte) (bits >>> 24)};
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
