package dev.bulwark.classifier.testing;

import dev.bulwark.classifier.onnx.ProtoWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes tiny but real ONNX models (protobuf encoded by hand, no Python needed) and complete Hugging Face style model
 * directories, so the sequence-classification runtime is tested against ONNX Runtime itself.
 *
 * <p>The classifier computes {@code logits = mean(input_ids) * w + b} per row: a text with larger token ids gets a
 * larger last logit, which is enough to test label mapping, softmax, windows and batching.
 */
public final class TinyOnnxModels {
  private TinyOnnxModels() {}

  /** A classifier directory with {@code labels}; {@code tokenizer.json} is MiniLM's (from the class path). */
  public static Path classifierDirectory(Path dir, List<String> labels) throws IOException {
    Files.createDirectories(dir);
    float[] w = new float[labels.size()];
    float[] b = new float[labels.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = (i - (w.length - 1) / 2f) * 0.001f;
      b[i] = 0;
    }
    Files.write(dir.resolve("model.onnx"), classifier(w, b));
    StringBuilder cfg = new StringBuilder("{\"model_type\": \"bert\", \"max_position_embeddings\": 512, \"id2label\": {");
    for (int i = 0; i < labels.size(); i++) {
      cfg.append(i > 0 ? ", " : "").append('"').append(i).append("\": \"").append(labels.get(i)).append('"');
    }
    Files.writeString(dir.resolve("config.json"), cfg.append("}}").toString());
    try (InputStream in = TinyOnnxModels.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
      Files.write(dir.resolve("tokenizer.json"), in.readAllBytes());
    }
    return dir;
  }

  /** The classifier model bytes. */
  public static byte[] classifier(float[] w, float[] b) {
    int labels = w.length;
    ProtoWriter graph = new ProtoWriter();
    graph.message(1, node(List.of("input_ids"), List.of("ids_f"), "Cast", new ProtoWriter().string(1, "to").varint(3, 1).varint(20, 2)));
    graph.message(1, node(List.of("ids_f"), List.of("mean"), "ReduceMean", new ProtoWriter().string(1, "axes").varint(8, 1).varint(20, 7),
        new ProtoWriter().string(1, "keepdims").varint(3, 1).varint(20, 2)));
    graph.message(1, node(List.of("mean", "W"), List.of("mm"), "MatMul"));
    graph.message(1, node(List.of("mm", "B"), List.of("logits"), "Add"));
    graph.string(2, "tiny_classifier");
    graph.message(5, tensor("W", new long[] {1, labels}, w));
    graph.message(5, tensor("B", new long[] {labels}, b));
    graph.message(11, valueInfo("input_ids", 7, "batch", "sequence"));
    graph.message(11, valueInfo("attention_mask", 7, "batch", "sequence"));
    graph.message(12, valueInfo("logits", 1, "batch", String.valueOf(labels)));
    ProtoWriter model = new ProtoWriter().varint(1, 7).string(2, "bulwark-tests");
    model.message(7, graph);
    model.message(8, new ProtoWriter().string(1, "").varint(2, 13));
    return model.toByteArray();
  }

  private static ProtoWriter node(List<String> in, List<String> out, String op, ProtoWriter... attributes) {
    ProtoWriter n = new ProtoWriter();
    in.forEach(i -> n.string(1, i));
    out.forEach(o -> n.string(2, o));
    n.string(4, op);
    for (ProtoWriter a : attributes) {
      n.message(5, a);
    }
    return n;
  }

  private static ProtoWriter tensor(String name, long[] dims, float[] data) {
    ProtoWriter t = new ProtoWriter();
    for (long d : dims) {
      t.varint(1, d);
    }
    t.varint(2, 1);
    t.string(8, name);
    ByteBuffer raw = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : data) {
      raw.putFloat(f);
    }
    t.bytes(9, raw.array());
    return t;
  }

  /** A tensor value info; a dim that parses as a number is fixed, anything else is symbolic. */
  private static ProtoWriter valueInfo(String name, int elemType, String... dims) {
    ProtoWriter shape = new ProtoWriter();
    for (String d : dims) {
      ProtoWriter dim = new ProtoWriter();
      if (d.chars().allMatch(Character::isDigit)) {
        dim.varint(1, Long.parseLong(d));
      } else {
        dim.string(2, d);
      }
      shape.message(1, dim);
    }
    ProtoWriter tensorType = new ProtoWriter().varint(1, elemType);
    tensorType.message(2, shape);
    ProtoWriter type = new ProtoWriter();
    type.message(1, tensorType);
    return new ProtoWriter().string(1, name).message(2, type);
  }

  /** A minimal protobuf writer: varints, length-delimited strings, bytes and nested messages. */
}
