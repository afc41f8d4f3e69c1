package dev.bulwark.classifier.testing;

import dev.bulwark.classifier.onnx.FloatTensor;
import dev.bulwark.classifier.onnx.OnnxModel;
import dev.bulwark.classifier.onnx.ProtoWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A random BERT encoder written as an ONNX graph shaped like a Hugging Face export: the same operators (Gather
 * embeddings, ReduceMean LayerNorm, Softmax attention with an additive mask, Erf GELU), Hugging Face names for biases,
 * LayerNorms and embeddings, and anonymous {@code onnx::MatMul_N} names for the transposed weight matrices. Output
 * {@code last_hidden_state [batch, sequence, hidden]}. Small enough to build, run and fine-tune in milliseconds.
 */
public final class TinyBert {
  /** Sizes of the model; {@code vocab} must cover the token ids fed to it. */
  public record Config(int vocab, int hidden, int layers, int heads, int intermediate, int maxPositions) {
    public static Config small(int vocab) {
      return new Config(vocab, 32, 2, 4, 64, 128);
    }
  }

  private final Config config;
  private final Random random;
  private final List<ProtoWriter> nodes = new ArrayList<>();
  private final Map<String, FloatTensor> weights = new LinkedHashMap<>();
  private final List<ProtoWriter> constants = new ArrayList<>();
  private int anonymous = 700;
  private int counter;

  private TinyBert(Config config, long seed) {
    this.config = config;
    this.random = new Random(seed);
  }

  /** The model's bytes; the same seed gives the same model. */
  public static byte[] model(Config config, long seed) {
    return new TinyBert(config, seed).build();
  }

  private byte[] build() {
    int d = config.hidden();
    int heads = config.heads();
    floatConstant("c_one", 1f);
    floatConstant("c_two", 2f);
    floatConstant("c_half", 0.5f);
    floatConstant("c_eps", 1e-12f);
    floatConstant("c_sqrt2", (float) Math.sqrt(2));
    floatConstant("c_scale", (float) Math.sqrt(d / heads));
    floatConstant("c_mask", -Float.MAX_VALUE);
    longConstant("c_axes12", new long[] {1, 2}, new long[] {2});
    longConstant("c_split_heads", new long[] {0, 0, heads, d / heads}, new long[] {4});
    longConstant("c_merge_heads", new long[] {0, 0, d}, new long[] {3});
    longConstant("c_zero", new long[] {0}, new long[0]);
    longConstant("c_one_i", new long[] {1}, new long[0]);

    // additive attention mask [batch, 1, 1, seq]: 0 where attended, the lowest float where padded
    node("Unsqueeze", List.of("attention_mask", "c_axes12"), "mask4");
    node("Cast", List.of("mask4"), "mask_f", intAttr("to", 1));
    node("Sub", List.of("c_one", "mask_f"), "mask_inv");
    node("Mul", List.of("mask_inv", "c_mask"), "mask_add");

    named("embeddings.word_embeddings.weight", new long[] {config.vocab(), d}, 0.5f, 0);
    named("embeddings.position_embeddings.weight", new long[] {config.maxPositions(), d}, 0.5f, 0);
    named("embeddings.token_type_embeddings.weight", new long[] {2, d}, 0.5f, 0);
    node("Gather", List.of("embeddings.word_embeddings.weight", "input_ids"), "word");
    node("Gather", List.of("embeddings.token_type_embeddings.weight", "token_type_ids"), "type");
    node("Add", List.of("word", "type"), "word_type");
    node("Shape", List.of("input_ids"), "ids_shape");
    node("Gather", List.of("ids_shape", "c_one_i"), "seq_len");
    node("Range", List.of("c_zero", "seq_len", "c_one_i"), "positions");
    node("Gather", List.of("embeddings.position_embeddings.weight", "positions"), "pos");
    node("Add", List.of("word_type", "pos"), "emb_sum");
    String x = layerNorm("emb_sum", "embeddings.LayerNorm");

    for (int i = 0; i < config.layers(); i++) {
      String p = "encoder.layer." + i + ".";
      String q = dense(x, p + "attention.self.query", d, d);
      String k = dense(x, p + "attention.self.key", d, d);
      String v = dense(x, p + "attention.self.value", d, d);
      String qh = node("Transpose", List.of(node("Reshape", List.of(q, "c_split_heads"))), null, perm(0, 2, 1, 3));
      String kt = node("Transpose", List.of(node("Reshape", List.of(k, "c_split_heads"))), null, perm(0, 2, 3, 1));
      String vh = node("Transpose", List.of(node("Reshape", List.of(v, "c_split_heads"))), null, perm(0, 2, 1, 3));
      String scores = node("Add", List.of(node("Div", List.of(node("MatMul", List.of(qh, kt)), "c_scale")), "mask_add"));
      String probs = node("Softmax", List.of(scores), null, intAttr("axis", -1));
      String context = node("Transpose", List.of(node("MatMul", List.of(probs, vh))), null, perm(0, 2, 1, 3));
      String merged = node("Reshape", List.of(context, "c_merge_heads"));
      String attn = dense(merged, p + "attention.output.dense", d, d);
      x = layerNorm(node("Add", List.of(attn, x)), p + "attention.output.LayerNorm");
      String h = dense(x, p + "intermediate.dense", d, config.intermediate());
      String erf = node("Erf", List.of(node("Div", List.of(h, "c_sqrt2"))));
      String gelu = node("Mul", List.of(node("Mul", List.of(h, node("Add", List.of(erf, "c_one")))), "c_half"));
      String out = dense(gelu, p + "output.dense", config.intermediate(), d);
      String last = i == config.layers() - 1 ? "last_hidden_state" : null;
      x = layerNorm(node("Add", List.of(out, x)), p + "output.LayerNorm", last);
    }

    ProtoWriter graph = new ProtoWriter();
    nodes.forEach(n -> graph.message(1, n));
    graph.string(2, "tiny_bert");
    for (FloatTensor t : weights.values()) {
      graph.message(5, OnnxModel.encode(t));
    }
    constants.forEach(c -> graph.message(5, c));
    graph.message(11, valueInfo("input_ids", 7, "batch", "sequence"));
    graph.message(11, valueInfo("attention_mask", 7, "batch", "sequence"));
    graph.message(11, valueInfo("token_type_ids", 7, "batch", "sequence"));
    graph.message(12, valueInfo("last_hidden_state", 1, "batch", "sequence", String.valueOf(d)));
    ProtoWriter model = new ProtoWriter().varint(1, 7).string(2, "bulwark-tests");
    model.message(7, graph);
    model.message(8, new ProtoWriter().string(1, "").varint(2, 14));
    return model.toByteArray();
  }

  private String dense(String in, String prefix, int inDim, int outDim) {
    String w = "onnx::MatMul_" + anonymous++;
    weights.put(w, new FloatTensor(w, new long[] {inDim, outDim}, gaussian(inDim * outDim, (float) (1 / Math.sqrt(inDim)), 0)));
    named(prefix + ".bias", new long[] {outDim}, 0.1f, 0);
    return node("Add", List.of(prefix + ".bias", node("MatMul", List.of(in, w))));
  }

  private String layerNorm(String in, String prefix) {
    return layerNorm(in, prefix, null);
  }

  private String layerNorm(String in, String prefix, String output) {
    named(prefix + ".weight", new long[] {config.hidden()}, 0.1f, 1);
    named(prefix + ".bias", new long[] {config.hidden()}, 0.1f, 0);
    String mean = node("ReduceMean", List.of(in), null, intsAttr("axes", -1));
    String centred = node("Sub", List.of(in, mean));
    String variance = node("ReduceMean", List.of(node("Pow", List.of(centred, "c_two"))), null, intsAttr("axes", -1));
    String std = node("Sqrt", List.of(node("Add", List.of(variance, "c_eps"))));
    String scaled = node("Mul", List.of(node("Div", List.of(centred, std)), prefix + ".weight"));
    return node("Add", List.of(scaled, prefix + ".bias"), output);
  }

  private void named(String name, long[] shape, float std, float mean) {
    weights.put(name, new FloatTensor(name, shape, gaussian((int) FloatTensor.elements(shape), std, mean)));
  }

  private float[] gaussian(int n, float std, float mean) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = mean + std * (float) random.nextGaussian();
    }
    return a;
  }

  private void floatConstant(String name, float value) {
    constants.add(OnnxModel.encode(new FloatTensor(name, new long[0], new float[] {value})));
  }

  private void longConstant(String name, long[] values, long[] shape) {
    ProtoWriter t = new ProtoWriter();
    for (long s : shape) {
      t.varint(1, s);
    }
    t.varint(2, 7).string(8, name).longs(9, values);
    constants.add(t);
  }

  private String node(String op, List<String> inputs) {
    return node(op, inputs, null);
  }

  private String node(String op, List<String> inputs, String output, ProtoWriter... attributes) {
    String out = output != null ? output : op.toLowerCase() + "_" + counter++;
    ProtoWriter n = new ProtoWriter();
    inputs.forEach(i -> n.string(1, i));
    n.string(2, out);
    n.string(3, "/" + op + "_" + counter++);
    n.string(4, op);
    for (ProtoWriter a : attributes) {
      n.message(5, a);
    }
    nodes.add(n);
    return out;
  }

  private static ProtoWriter intAttr(String name, long value) {
    return new ProtoWriter().string(1, name).varint(3, value).varint(20, 2);
  }

  private static ProtoWriter intsAttr(String name, long... values) {
    ProtoWriter a = new ProtoWriter().string(1, name);
    for (long v : values) {
      a.varint(8, v);
    }
    return a.varint(20, 7);
  }

  private static ProtoWriter perm(long... order) {
    return intsAttr("perm", order);
  }

  private static ProtoWriter valueInfo(String name, int elemType, String... dims) {
    ProtoWriter shape = new ProtoWriter();
    for (String dim : dims) {
      ProtoWriter dw = new ProtoWriter();
      if (dim.chars().allMatch(Character::isDigit)) {
        dw.varint(1, Long.parseLong(dim));
      } else {
        dw.string(2, dim);
      }
      shape.message(1, dw);
    }
    ProtoWriter tensorType = new ProtoWriter().varint(1, elemType);
    tensorType.message(2, shape);
    ProtoWriter type = new ProtoWriter();
    type.message(1, tensorType);
    return new ProtoWriter().string(1, name).message(2, type);
  }
}
