package dev.bulwark.classifier;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import dev.bulwark.classifier.runtime.OnnxSession;
import dev.bulwark.classifier.runtime.Threading;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The infer stage for a Hugging Face sequence-classification export: token windows in, class probabilities out
 * (softmax of the logits, divided by a temperature first as Meta's utilities allow).
 *
 * <p>The model must have one output, {@code logits} (or a single unnamed output), shaped {@code [batch, classes]}
 * with as many classes as {@code config.json}'s {@code id2label}; anything else is rejected when the model is opened,
 * with the shape it does have.
 */
public final class SequenceClassifier implements AutoCloseable {
  private final ModelDirectory directory;
  private final OnnxSession session;
  private final Tokeniser tokeniser;
  private final String output;
  private final double temperature;

  private SequenceClassifier(ModelDirectory directory, OnnxSession session, Tokeniser tokeniser, String output, double temperature) {
    this.directory = directory;
    this.session = session;
    this.tokeniser = tokeniser;
    this.output = output;
    this.temperature = temperature;
  }

  /** Opens an export directory; {@code threads} = ONNX Runtime intra-op threads (0 = its default). */
  public static SequenceClassifier open(ModelDirectory dir, int threads, double temperature) {
    return open(dir, Threading.of(threads), temperature);
  }

  /** Opens an export directory with the given ONNX Runtime threading. */
  public static SequenceClassifier open(ModelDirectory dir, Threading threads, double temperature) {
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("temperature must be positive, got " + temperature);
    }
    Tokeniser tokeniser = Tokeniser.load(dir.tokenizer());
    OnnxSession session;
    try {
      session = OnnxSession.open(dir.model(), threads);
    } catch (RuntimeException e) {
      tokeniser.close();
      throw e;
    }
    try {
      String output = checkOutputs(session, dir);
      return new SequenceClassifier(dir, session, tokeniser, output, temperature);
    } catch (RuntimeException e) {
      session.close();
      tokeniser.close();
      throw e;
    }
  }

  private static String checkOutputs(OnnxSession session, ModelDirectory dir) {
    Map<String, TensorInfo> outputs = session.outputs();
    String name = outputs.containsKey("logits") ? "logits" : outputs.size() == 1 ? outputs.keySet().iterator().next() : null;
    StringBuilder found = new StringBuilder();
    outputs.forEach((k, v) -> found.append(found.length() > 0 ? ", " : "").append(k).append(' ').append(OnnxSession.describe(v)));
    String expected = "; expected 'logits' float[batch," + dir.labels().size() + "] matching the " + dir.labels().size()
        + " labels of config.json id2label " + dir.labels();
    if (name == null) {
      throw new ClassifierException(dir.model() + ": unexpected outputs " + found + expected);
    }
    TensorInfo t = outputs.get(name);
    long[] shape = t.getShape();
    boolean ok = t.type == OnnxJavaType.FLOAT && shape.length == 2 && (shape[1] < 0 || shape[1] == dir.labels().size());
    if (!ok) {
      throw new ClassifierException(dir.model() + ": unexpected outputs " + found + expected);
    }
    return name;
  }

  public ModelDirectory directory() {
    return directory;
  }

  public List<String> labels() {
    return directory.labels();
  }

  public Tokeniser tokeniser() {
    return tokeniser;
  }

  /** Content tokens per window: the model's maximum minus its special tokens. */
  public int maxContentTokens() {
    return directory.maxPositions() - tokeniser.specialTokenCount();
  }

  /** Class probabilities for each model input (already wrapped in special tokens), in one inference call. */
  public List<float[]> probabilities(List<long[]> inputs) {
    long[][] rows = inputs.toArray(new long[0][]);
    Object value = session.run(rows, tokeniser.padId(), output);
    if (!(value instanceof float[][] logits) || logits.length != rows.length) {
      throw new ClassifierException(directory.model() + ": output '" + output + "' did not come back as float[batch][classes]");
    }
    List<float[]> out = new ArrayList<>(logits.length);
    for (float[] row : logits) {
      if (row.length != labels().size()) {
        throw new ClassifierException(directory.model() + ": output '" + output + "' has " + row.length
            + " classes but config.json id2label names " + labels().size());
      }
      out.add(Softmax.of(row, temperature));
    }
    return out;
  }

  @Override
  public void close() {
    session.close();
    tokeniser.close();
  }
}
