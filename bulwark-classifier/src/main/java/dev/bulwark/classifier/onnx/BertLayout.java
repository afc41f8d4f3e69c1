package dev.bulwark.classifier.onnx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Hugging Face names of a BERT-style ONNX export's weights. An export keeps the Hugging Face names for biases,
 * LayerNorms and embeddings, but stores each dense layer's weight matrix transposed for {@code MatMul}, under an
 * anonymous name ({@code onnx::MatMul_787}). Such a matrix is identified by the node that consumes it: the
 * {@code MatMul} whose output is added to {@code <layer>.bias} holds {@code <layer>.weight}. The matrices keep ONNX's
 * orientation here, {@code [in, out]} (Hugging Face's own is {@code [out, in]}).
 */
public final class BertLayout {
  private static final Pattern LAYER = Pattern.compile("^encoder\\.layer\\.(\\d+)\\.");

  private final Map<String, String> initializerByName;
  private final int layers;

  private BertLayout(Map<String, String> initializerByName, int layers) {
    this.initializerByName = Collections.unmodifiableMap(initializerByName);
    this.layers = layers;
  }

  /** Reads the names from {@code model}'s graph; an error if it is not a BERT export with named biases. */
  public static BertLayout of(OnnxModel model) {
    Map<String, String> names = new LinkedHashMap<>();
    for (String init : model.initializerNames()) {
      if (!init.startsWith("onnx::") && model.isFloat(init)) {
        names.put(init, init);
      }
    }
    for (OnnxNode mm : model.nodes()) {
      if (!mm.opType().equals("MatMul") || mm.inputs().size() != 2 || !model.hasInitializer(mm.inputs().get(1))) {
        continue;
      }
      String bias = biasAddedTo(model, mm.outputs().get(0));
      if (bias == null) {
        throw new OnnxFormatException(model.source() + ": MatMul '" + mm.name() + "' reads weight '" + mm.inputs().get(1)
            + "' but its output is not added to a named bias; not a BERT export this reader understands");
      }
      names.put(bias.substring(0, bias.length() - ".bias".length()) + ".weight", mm.inputs().get(1));
    }
    int layers = 0;
    for (String name : names.keySet()) {
      Matcher m = LAYER.matcher(name);
      if (m.find()) {
        layers = Math.max(layers, Integer.parseInt(m.group(1)) + 1);
      }
    }
    if (layers == 0 || !names.containsKey("embeddings.word_embeddings.weight")) {
      throw new OnnxFormatException(model.source() + ": no encoder.layer.N.* or embeddings.word_embeddings.weight initializers; not a BERT export");
    }
    BertLayout layout = new BertLayout(names, layers);
    for (int i = 0; i < layers; i++) {
      for (String t : layerTensors(i)) {
        if (!names.containsKey(t)) {
          throw new OnnxFormatException(model.source() + ": BERT layer " + i + " has no tensor '" + t + "'");
        }
      }
    }
    return layout;
  }

  private static String biasAddedTo(OnnxModel model, String value) {
    for (OnnxNode add : model.consumers(value)) {
      if (add.opType().equals("Add")) {
        for (String in : add.inputs()) {
          if (!in.equals(value) && in.endsWith(".bias") && model.hasInitializer(in)) {
            return in;
          }
        }
      }
    }
    return null;
  }

  /** The Hugging Face names of one encoder layer's 16 tensors. */
  public static List<String> layerTensors(int layer) {
    String p = "encoder.layer." + layer + ".";
    return List.of(p + "attention.self.query.weight", p + "attention.self.query.bias", p + "attention.self.key.weight",
        p + "attention.self.key.bias", p + "attention.self.value.weight", p + "attention.self.value.bias",
        p + "attention.output.dense.weight", p + "attention.output.dense.bias", p + "attention.output.LayerNorm.weight",
        p + "attention.output.LayerNorm.bias", p + "intermediate.dense.weight", p + "intermediate.dense.bias",
        p + "output.dense.weight", p + "output.dense.bias", p + "output.LayerNorm.weight", p + "output.LayerNorm.bias");
  }

  /** The embedding tables and their LayerNorm. */
  public static List<String> embeddingTensors() {
    return List.of("embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
        "embeddings.token_type_embeddings.weight", "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias");
  }

  public int layers() {
    return layers;
  }

  /** Hugging Face name to initializer name, for every float weight of the encoder. */
  public Map<String, String> initializerByName() {
    return initializerByName;
  }

  public boolean has(String name) {
    return initializerByName.containsKey(name);
  }

  /** The initializer holding Hugging Face tensor {@code name}; {@code what} names the caller's file in errors. */
  public String initializer(String name, String what) {
    String init = initializerByName.get(name);
    if (init == null) {
      throw new OnnxFormatException(what + ": tensor '" + name + "' is not a weight of this BERT model");
    }
    return init;
  }

  /** The tensor under its Hugging Face name (MatMul weights in ONNX orientation). */
  public FloatTensor tensor(OnnxModel model, String name) {
    FloatTensor t = model.tensor(initializer(name, model.source()));
    return new FloatTensor(name, t.shape(), t.data());
  }
}
