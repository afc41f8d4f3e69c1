package dev.bulwark.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.bulwark.classifier.onnx.BertLayout;
import dev.bulwark.classifier.onnx.FloatTensor;
import dev.bulwark.classifier.onnx.OnnxModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A BERT encoder (MiniLM and friends) written with DJL NDArray operations that follow the Hugging Face ONNX export
 * step by step, so that the tuned weights can go back into that graph: embeddings (word + token type 0 + position)
 * and LayerNorm; per layer, multi-head self-attention with an additive padding mask, residual and LayerNorm, then an
 * erf-GELU feed-forward block, residual and LayerNorm. The weights are the ONNX initializers under their Hugging Face
 * names, the dense matrices kept in ONNX's {@code [in, out]} orientation so that {@code x · W} needs no transpose.
 *
 * <p>There is no dropout: fine-tuning runs are short and seeded, and the forward pass must equal ONNX Runtime's.
 */
public final class BertEncoder implements AutoCloseable {
  private final NDManager manager;
  private final Map<String, NDArray> weights;
  private final int layers;
  private final int hidden;
  private final int heads;
  private final float layerNormEpsilon;

  private BertEncoder(NDManager manager, Map<String, NDArray> weights, int layers, int heads, float layerNormEpsilon) {
    this.manager = manager;
    this.weights = weights;
    this.layers = layers;
    this.hidden = (int) weights.get("embeddings.LayerNorm.weight").getShape().get(0);
    this.heads = heads;
    this.layerNormEpsilon = layerNormEpsilon;
  }

  /**
   * Loads every encoder weight of {@code model}.
   *
   * @param heads attention heads (not recorded as a tensor in the graph: 12 for MiniLM-L6)
   * @param layerNormEpsilon 1e-12 for BERT and MiniLM
   */
  public static BertEncoder load(OnnxModel model, int heads, float layerNormEpsilon, NDManager parent) {
    BertLayout layout = BertLayout.of(model);
    NDManager manager = parent.newSubManager();
    Map<String, NDArray> weights = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(BertLayout.embeddingTensors());
    for (int i = 0; i < layout.layers(); i++) {
      names.addAll(BertLayout.layerTensors(i));
    }
    for (String name : names) {
      FloatTensor t = layout.tensor(model, name);
      NDArray a = manager.create(t.data(), new Shape(t.shape()));
      a.setName(name);
      weights.put(name, a);
    }
    return new BertEncoder(manager, weights, layout.layers(), heads, layerNormEpsilon);
  }

  public int layers() {
    return layers;
  }

  public int hidden() {
    return hidden;
  }

  /** The weight named {@code name} (Hugging Face name). */
  public NDArray weight(String name) {
    NDArray a = weights.get(name);
    if (a == null) {
      throw new IllegalArgumentException("the encoder has no weight '" + name + "'");
    }
    return a;
  }

  /** Names of the weights of the top {@code k} layers, plus the embeddings when {@code embeddings} is set. */
  public List<String> trainableNames(int k, boolean embeddings) {
    if (k < 0 || k > layers) {
      throw new IllegalArgumentException("top layers to train must be 0.." + layers + ", got " + k);
    }
    List<String> out = new ArrayList<>();
    if (embeddings) {
      out.addAll(BertLayout.embeddingTensors());
    }
    for (int i = layers - k; i < layers; i++) {
      out.addAll(BertLayout.layerTensors(i));
    }
    return out;
  }

  /** Current values of the named weights, for export. */
  public Map<String, FloatTensor> tensors(List<String> names) {
    Map<String, FloatTensor> out = new LinkedHashMap<>();
    for (String n : names) {
      NDArray a = weight(n);
      out.put(n, new FloatTensor(n, a.getShape().getShape(), a.toFloatArray()));
    }
    return out;
  }

  /**
   * Right-pads {@code rows} of token ids with {@code padId} into {@code ids [batch, seq]} and {@code mask [batch, seq]}
   * (1 for real tokens), created in {@code step}.
   */
  public static Batch batch(NDManager step, List<long[]> rows, long padId) {
    int len = 0;
    for (long[] r : rows) {
      len = Math.max(len, r.length);
    }
    long[] ids = new long[rows.size() * len];
    float[] mask = new float[rows.size() * len];
    java.util.Arrays.fill(ids, padId);
    for (int b = 0; b < rows.size(); b++) {
      long[] r = rows.get(b);
      System.arraycopy(r, 0, ids, b * len, r.length);
      java.util.Arrays.fill(mask, b * len, b * len + r.length, 1f);
    }
    Shape shape = new Shape(rows.size(), len);
    return new Batch(step.create(ids, shape), step.create(mask, shape));
  }

  /** Padded token ids and their mask. */
  public record Batch(NDArray ids, NDArray mask) {
    public long size() {
      return ids.getShape().get(0);
    }

    public long length() {
      return ids.getShape().get(1);
    }
  }

  /** {@code last_hidden_state [batch, seq, hidden]}; every intermediate lives in {@code step}. */
  public NDArray hiddenStates(NDManager step, Batch batch) {
    long b = batch.size();
    long s = batch.length();
    // Parameters are the receivers of no operation here: DJL attaches a result to its receiver's manager, and the
    // step's intermediates must be freed with the step, not kept with the weights.
    NDArray word = weight("embeddings.word_embeddings.weight").get(step, new NDIndex("{}", batch.ids().reshape(b * s)))
        .reshape(b, s, hidden);
    NDArray position = weight("embeddings.position_embeddings.weight").get(step, new NDIndex("0:{}", s));
    NDArray type = weight("embeddings.token_type_embeddings.weight").get(step, new NDIndex("0"));
    Constants c = new Constants(step, hidden / heads, layerNormEpsilon);
    NDArray x = layerNorm(word.add(type).add(position), "embeddings.LayerNorm", c);
    // additive mask [batch, 1, 1, seq]: 0 where attended, the lowest float where padded, as the export computes it
    NDArray maskAdd = batch.mask().sub(1f).mul(Float.MAX_VALUE).reshape(b, 1, 1, s);
    for (int i = 0; i < layers; i++) {
      x = layer(x, maskAdd, c, "encoder.layer." + i + ".", b, s);
    }
    return x;
  }

  /** Mean of the hidden states over the real tokens (special tokens included): {@code [batch, hidden]}. */
  public NDArray pooled(NDManager step, Batch batch) {
    NDArray h = hiddenStates(step, batch);
    NDArray m = batch.mask().expandDims(2);
    return h.mul(m).sum(new int[] {1}).div(batch.mask().sum(new int[] {1}, true));
  }

  /**
   * The scalars of the forward pass as arrays owned by the step. DJL's {@code x.mul(2f)} wraps the number in a
   * temporary array over a direct buffer and closes it right after the operation, but autograd keeps that tensor for
   * the backward pass of {@code mul} and {@code div}: the gradient then reads freed memory (seen as rare infinite or
   * NaN gradients that varied from run to run). Arrays held by the step live until after {@code backward}.
   */
  private static final class Constants {
    final NDArray sqrtHeadSize;
    final NDArray sqrt2;
    final NDArray half;
    final NDArray one;
    final NDArray epsilon;

    Constants(NDManager step, int headSize, float layerNormEpsilon) {
      sqrtHeadSize = step.create((float) Math.sqrt(headSize));
      sqrt2 = step.create((float) Math.sqrt(2));
      half = step.create(0.5f);
      one = step.create(1f);
      epsilon = step.create(layerNormEpsilon);
    }
  }

  private NDArray layer(NDArray x, NDArray maskAdd, Constants c, String p, long b, long s) {
    int headSize = hidden / heads;
    NDArray q = dense(x, p + "attention.self.query").reshape(b, s, heads, headSize).transpose(0, 2, 1, 3);
    NDArray kT = dense(x, p + "attention.self.key").reshape(b, s, heads, headSize).transpose(0, 2, 3, 1);
    NDArray v = dense(x, p + "attention.self.value").reshape(b, s, heads, headSize).transpose(0, 2, 1, 3);
    NDArray probabilities = q.matMul(kT).div(c.sqrtHeadSize).add(maskAdd).softmax(-1);
    NDArray context = probabilities.matMul(v).transpose(0, 2, 1, 3).reshape(b, s, hidden);
    NDArray attended = layerNorm(dense(context, p + "attention.output.dense").add(x), p + "attention.output.LayerNorm", c);
    NDArray h = dense(attended, p + "intermediate.dense");
    NDArray gelu = h.mul(h.div(c.sqrt2).erf().add(c.one)).mul(c.half);
    return layerNorm(dense(gelu, p + "output.dense").add(attended), p + "output.LayerNorm", c);
  }

  private NDArray dense(NDArray x, String prefix) {
    return x.matMul(weight(prefix + ".weight")).add(weight(prefix + ".bias"));
  }

  private NDArray layerNorm(NDArray x, String prefix, Constants c) {
    NDArray centred = x.sub(x.mean(new int[] {-1}, true));
    NDArray std = centred.square().mean(new int[] {-1}, true).add(c.epsilon).sqrt();
    return centred.div(std).mul(weight(prefix + ".weight")).add(weight(prefix + ".bias"));
  }

  @Override
  public void close() {
    manager.close();
  }
}
