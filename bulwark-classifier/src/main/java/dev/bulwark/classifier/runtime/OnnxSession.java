package dev.bulwark.classifier.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.bulwark.classifier.ClassifierException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX Runtime session for a transformer that takes {@code input_ids} (plus optionally {@code attention_mask} and
 * {@code token_type_ids}). Runs are thread-safe; one session is shared by every caller.
 */
public final class OnnxSession implements AutoCloseable {
  private static final Set<String> KNOWN_INPUTS = Set.of("input_ids", "attention_mask", "token_type_ids");

  private final OrtEnvironment env;
  private final OrtSession session;
  private final String source;
  private final boolean hasMask;
  private final boolean hasTypeIds;
  // Closing a session while another thread is inside run() frees native memory under it (ONNX Runtime's Java API
  // does not guard this): runs hold the read lock, close waits for them under the write lock.
  private final java.util.concurrent.locks.ReentrantReadWriteLock lifecycle = new java.util.concurrent.locks.ReentrantReadWriteLock();
  private boolean closed;

  private OnnxSession(OrtSession session, OrtEnvironment env, String source) throws OrtException {
    this.env = env;
    this.session = session;
    this.source = source;
    Map<String, NodeInfo> inputs = session.getInputInfo();
    if (!inputs.containsKey("input_ids")) {
      throw new ClassifierException(source + ": the model has no 'input_ids' input (inputs: " + describe(inputs) + ")");
    }
    for (String name : inputs.keySet()) {
      if (!KNOWN_INPUTS.contains(name)) {
        throw new ClassifierException(source + ": unexpected model input '" + name + "' (inputs: " + describe(inputs)
            + "); expected input_ids, attention_mask and optionally token_type_ids");
      }
    }
    this.hasMask = inputs.containsKey("attention_mask");
    this.hasTypeIds = inputs.containsKey("token_type_ids");
  }

  /** Opens {@code model} with {@code threads} intra-op threads (0 = ONNX Runtime's default). */
  public static OnnxSession open(Path model, int threads) {
    return open(model, Threading.of(threads));
  }

  /** Opens {@code model} with the given threading. */
  public static OnnxSession open(Path model, Threading threads) {
    if (!Files.isRegularFile(model)) {
      throw new ClassifierException("model file not found: " + model);
    }
    try {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      return new OnnxSession(env.createSession(model.toString(), options(threads)), env, model.toString());
    } catch (OrtException e) {
      throw new ClassifierException(model + ": ONNX Runtime cannot load it: " + e.getMessage(), e);
    }
  }

  /** Opens a model held in memory (e.g. read from a class-path resource). */
  public static OnnxSession open(byte[] model, String source, int threads) {
    return open(model, source, Threading.of(threads));
  }

  /** Opens a model held in memory with the given threading. */
  public static OnnxSession open(byte[] model, String source, Threading threads) {
    try {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      return new OnnxSession(env.createSession(model, options(threads)), env, source);
    } catch (OrtException e) {
      throw new ClassifierException(source + ": ONNX Runtime cannot load it: " + e.getMessage(), e);
    }
  }

  private static OrtSession.SessionOptions options(Threading threads) throws OrtException {
    OrtSession.SessionOptions o = new OrtSession.SessionOptions();
    o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    if (threads.intraOpThreads() > 0) {
      o.setIntraOpNumThreads(threads.intraOpThreads());
    }
    o.setInterOpNumThreads(1);
    if (!threads.spinning()) {
      o.addConfigEntry("session.intra_op.allow_spinning", "0");
      o.addConfigEntry("session.inter_op.allow_spinning", "0");
    }
    return o;
  }

  public String source() {
    return source;
  }

  /** Output names with their declared type and shape. */
  public Map<String, TensorInfo> outputs() {
    try {
      Map<String, TensorInfo> out = new LinkedHashMap<>();
      for (Map.Entry<String, NodeInfo> e : session.getOutputInfo().entrySet()) {
        if (!(e.getValue().getInfo() instanceof TensorInfo t)) {
          throw new ClassifierException(source + ": output '" + e.getKey() + "' is not a tensor");
        }
        out.put(e.getKey(), t);
      }
      return out;
    } catch (OrtException e) {
      throw new ClassifierException(source + ": cannot read the model's outputs: " + e.getMessage(), e);
    }
  }

  /**
   * Runs one batch. Rows shorter than the longest are right-padded with {@code padId} and masked out.
   *
   * @return the value of output {@code outputName}, as ONNX Runtime's Java array (e.g. {@code float[][]})
   */
  public Object run(long[][] rows, long padId, String outputName) {
    int batch = rows.length;
    int len = 0;
    for (long[] r : rows) {
      len = Math.max(len, r.length);
    }
    long[] ids = new long[batch * len];
    long[] mask = new long[batch * len];
    Arrays.fill(ids, padId);
    for (int b = 0; b < batch; b++) {
      System.arraycopy(rows[b], 0, ids, b * len, rows[b].length);
      Arrays.fill(mask, b * len, b * len + rows[b].length, 1L);
    }
    long[] shape = {batch, len};
    Map<String, OnnxTensor> inputs = new HashMap<>();
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new ClassifierException(source + ": the model was closed");
      }
      inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
      if (hasMask) {
        inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
      }
      if (hasTypeIds) {
        inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[batch * len]), shape));
      }
      try (OrtSession.Result result = session.run(inputs, Set.of(outputName))) {
        OnnxValue v = result.get(outputName).orElseThrow(() -> new ClassifierException(source + ": no output '" + outputName + "'"));
        return v.getValue();
      }
    } catch (OrtException e) {
      throw new ClassifierException(source + ": inference failed: " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
      lifecycle.readLock().unlock();
    }
  }

  static String describe(Map<String, NodeInfo> nodes) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, NodeInfo> e : nodes.entrySet()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(e.getKey());
      if (e.getValue().getInfo() instanceof TensorInfo t) {
        sb.append(' ').append(describe(t));
      }
    }
    return sb.toString();
  }

  /** E.g. {@code float[batch,seq,384]} with -1 shown as a free dimension. */
  public static String describe(TensorInfo t) {
    StringBuilder sb = new StringBuilder(t.type.toString().toLowerCase(java.util.Locale.ROOT)).append('[');
    long[] shape = t.getShape();
    for (int i = 0; i < shape.length; i++) {
      sb.append(i > 0 ? "," : "").append(shape[i] < 0 ? "?" : String.valueOf(shape[i]));
    }
    return sb.append(']').toString();
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      session.close();
    } catch (OrtException e) {
      // closing a session cannot usefully fail for the caller
    } finally {
      lifecycle.writeLock().unlock();
    }
  }
}
