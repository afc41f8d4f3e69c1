package dev.bulwark.classifier.tuned;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.classifier.ClassifierException;
import dev.bulwark.classifier.head.HeadFile;
import dev.bulwark.classifier.onnx.BertLayout;
import dev.bulwark.classifier.onnx.FloatTensor;
import dev.bulwark.classifier.onnx.OnnxFormatException;
import dev.bulwark.classifier.onnx.OnnxModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What fine-tuning changed in a BERT encoder, relative to a base ONNX model, plus the classification head: the file a
 * jar ships instead of a whole tuned model (MiniLM's top two layers are 6.4 MB this way, the fp32 model 90 MB).
 *
 * <p>Stored as a {@link HeadFile} (gzip, JSON metadata, named arrays). Each tuned tensor is stored as its difference
 * from the base, in float16: fine-tuning moves weights by little, so the rounding error of the difference is orders of
 * magnitude below the weights' own float32 precision loss at this scale, and the file is half the size of float32
 * values. The base is pinned by SHA-256, because a difference applied to another model is silent garbage.
 *
 * <pre>
 * metadata: {"format": "bulwark-encoder-delta", "version": 1,
 *            "base": {"name": "all-minilm-l6-v2.onnx", "sha256": "…"},
 *            "max_tokens": 128, "labels": ["benign", "attack"], "dimension": 384,
 *            "tensors": {"encoder.layer.5.output.dense.weight": [1536, 384], …}, "training": {…}}
 * arrays:   "delta/&lt;tensor&gt;" (tuned − base, f16), "head/weight" ([labels × dimension], f32), "head/bias" (f32)
 * </pre>
 *
 * @param baseName the base model's file name (as the resource it is read from)
 * @param baseSha256 lower-case hex SHA-256 of the base model's bytes
 * @param maxTokens the longest input in tokens (special tokens included) the encoder was tuned on
 * @param differences tuned minus base, by Hugging Face tensor name (MatMul weights in ONNX orientation)
 * @param training free-form facts about the run (data, seed, metrics), kept in the file for the model card
 */
public record EncoderDelta(String baseName, String baseSha256, int maxTokens, Map<String, FloatTensor> differences,
    LinearHead head, ObjectNode training) {
  public static final String FORMAT = "bulwark-encoder-delta";
  private static final int VERSION = 1;
  private static final String DELTA = "delta/";
  private static final String HEAD_WEIGHT = "head/weight";
  private static final String HEAD_BIAS = "head/bias";

  public EncoderDelta {
    differences = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(differences));
    training = training == null ? HeadFile.newMetadata() : training;
  }

  /** The delta between {@code base} and the {@code tuned} tensors (by Hugging Face name). */
  public static EncoderDelta of(String baseName, byte[] baseBytes, OnnxModel base, Map<String, FloatTensor> tuned,
      LinearHead head, int maxTokens, ObjectNode training) {
    BertLayout layout = BertLayout.of(base);
    Map<String, FloatTensor> diffs = new LinkedHashMap<>();
    for (Map.Entry<String, FloatTensor> e : tuned.entrySet()) {
      FloatTensor b = layout.tensor(base, e.getKey());
      FloatTensor t = e.getValue();
      if (!b.sameShape(t.shape())) {
        throw new OnnxFormatException("tuned tensor '" + e.getKey() + "' has shape " + t.describeShape() + "; "
            + base.source() + " has " + b.describeShape());
      }
      float[] d = new float[t.data().length];
      for (int i = 0; i < d.length; i++) {
        d[i] = t.data()[i] - b.data()[i];
      }
      diffs.put(e.getKey(), new FloatTensor(e.getKey(), t.shape(), d));
    }
    return new EncoderDelta(baseName, sha256(baseBytes), maxTokens, diffs, head, training);
  }

  /**
   * Applies the differences to {@code base} (which must be the model the delta was made from) in place.
   *
   * @param deltaSource names the delta file in errors
   */
  public void applyTo(OnnxModel base, byte[] baseBytes, String deltaSource) {
    String sha = sha256(baseBytes);
    if (!sha.equals(baseSha256)) {
      throw new OnnxFormatException(deltaSource + ": made for base model " + baseName + " with SHA-256 " + baseSha256
          + ", but " + base.source() + " has " + sha);
    }
    BertLayout layout = BertLayout.of(base);
    for (FloatTensor d : differences.values()) {
      FloatTensor b = base.tensor(layout.initializer(d.name(), deltaSource));
      if (!b.sameShape(d.shape())) {
        throw new OnnxFormatException(deltaSource + ": tensor '" + d.name() + "' has shape " + d.describeShape() + "; "
            + base.source() + " needs " + b.describeShape());
      }
      float[] v = new float[d.data().length];
      for (int i = 0; i < v.length; i++) {
        v[i] = b.data()[i] + d.data()[i];
      }
      base.replace(b.name(), v, deltaSource);
    }
    if (head.dimension() != hiddenSize(base, layout)) {
      throw new OnnxFormatException(deltaSource + ": the head reads " + head.dimension() + " dimensions; " + base.source()
          + " produces " + hiddenSize(base, layout));
    }
  }

  private static long hiddenSize(OnnxModel base, BertLayout layout) {
    return layout.tensor(base, "embeddings.LayerNorm.weight").shape()[0];
  }

  public void write(Path file) throws IOException {
    ObjectNode meta = HeadFile.newMetadata();
    meta.put("format", FORMAT);
    meta.put("version", VERSION);
    meta.putObject("base").put("name", baseName).put("sha256", baseSha256);
    meta.put("max_tokens", maxTokens);
    ArrayNode labels = meta.putArray("labels");
    head.labels().forEach(labels::add);
    meta.put("dimension", head.dimension());
    ObjectNode shapes = meta.putObject("tensors");
    Map<String, float[]> arrays = new LinkedHashMap<>();
    for (FloatTensor d : differences.values()) {
      ArrayNode s = shapes.putArray(d.name());
      for (long x : d.shape()) {
        s.add(x);
      }
      arrays.put(DELTA + d.name(), d.data());
    }
    arrays.put(HEAD_WEIGHT, head.weight());
    arrays.put(HEAD_BIAS, head.bias());
    meta.set("training", training);
    new HeadFile(meta, arrays).write(file, Set.of(HEAD_WEIGHT, HEAD_BIAS));
  }

  /**
   * The delta a head file names ({@code name}), from the head file's directory: a tuned head and its encoder travel
   * together. A missing file is an error naming the head and the path looked at.
   */
  public static EncoderDelta readBeside(Path headFile, String name) {
    Path delta = headFile.toAbsolutePath().resolveSibling(name);
    if (!Files.isRegularFile(delta)) {
      throw new ClassifierException(headFile + " names the tuned encoder " + name + ", which is not in the same directory ("
          + delta + " not found)");
    }
    return read(delta);
  }

  /**
   * The delta a shipped head names, from {@code owner}'s class path at {@code resource}; {@code head} names the head in
   * the error when the resource is missing.
   */
  public static EncoderDelta readResource(Class<?> owner, String resource, String head, String name) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ClassifierException(head + " names the tuned encoder " + name + ", but " + resource + " is not on the class path");
      }
      return read(in, "classpath:" + resource);
    } catch (IOException e) {
      throw new ClassifierException("cannot read " + resource + ": " + e.getMessage(), e);
    }
  }

  public static EncoderDelta read(Path file) {
    return fromHeadFile(HeadFile.read(file), file.toString());
  }

  public static EncoderDelta read(InputStream in, String source) {
    return fromHeadFile(HeadFile.read(in, source), source);
  }

  private static EncoderDelta fromHeadFile(HeadFile f, String source) {
    ObjectNode meta = f.metadata();
    if (!FORMAT.equals(meta.path("format").asText())) {
      throw new ClassifierException(source + ": not an encoder delta (format '" + meta.path("format").asText() + "', expected '" + FORMAT + "')");
    }
    if (meta.path("version").asInt() != VERSION) {
      throw new ClassifierException(source + ": encoder delta version " + meta.path("version").asInt() + " is not supported (expected " + VERSION + ")");
    }
    List<String> labels = new ArrayList<>();
    meta.path("labels").forEach(l -> labels.add(l.asText()));
    int dimension = meta.path("dimension").asInt();
    Map<String, FloatTensor> diffs = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, JsonNode> e : meta.path("tensors").properties()) {
      String name = e.getKey();
      long[] shape = new long[e.getValue().size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = e.getValue().get(i).asLong();
      }
      float[] data = f.arrays().get(DELTA + name);
      if (data == null) {
        throw new OnnxFormatException(source + ": tensor '" + name + "' is listed but its values are missing");
      }
      if (data.length != FloatTensor.elements(shape)) {
        throw new OnnxFormatException(source + ": tensor '" + name + "' has " + data.length + " values for shape "
            + FloatTensor.describe(shape));
      }
      diffs.put(name, new FloatTensor(name, shape, data));
      seen.add(DELTA + name);
    }
    for (String a : f.arrays().keySet()) {
      if (a.startsWith(DELTA) && !seen.contains(a)) {
        throw new OnnxFormatException(source + ": tensor '" + a.substring(DELTA.length()) + "' has values but no shape in the metadata");
      }
    }
    float[] w = f.arrays().get(HEAD_WEIGHT);
    float[] b = f.arrays().get(HEAD_BIAS);
    if (w == null || b == null) {
      throw new OnnxFormatException(source + ": tensor '" + (w == null ? HEAD_WEIGHT : HEAD_BIAS) + "' is missing");
    }
    LinearHead head;
    try {
      head = new LinearHead(labels, dimension, w, b);
    } catch (IllegalArgumentException e) {
      throw new OnnxFormatException(source + ": " + e.getMessage());
    }
    JsonNode training = meta.path("training");
    return new EncoderDelta(meta.path("base").path("name").asText(), meta.path("base").path("sha256").asText(),
        meta.path("max_tokens").asInt(), diffs, head, training.isObject() ? (ObjectNode) training : null);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
