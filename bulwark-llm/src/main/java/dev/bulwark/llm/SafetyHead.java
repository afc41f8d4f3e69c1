package dev.bulwark.llm;

import dev.bulwark.llm.embedded.MetaFeatures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.classifier.ClassifierException;
import dev.bulwark.classifier.features.HashedNgrams;
import dev.bulwark.classifier.features.TextStatistics;
import dev.bulwark.classifier.head.HeadFile;
import dev.bulwark.classifier.head.LogisticRegression;
import dev.bulwark.classifier.head.Mlp;
import dev.bulwark.classifier.tuned.EncoderDelta;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything the embedded content-safety classifier learned, as stored in {@code llama-guard-head.bwh}.
 *
 * @param ngrams hashed character and word n-grams with their IDF
 * @param lexical n-gram + text-statistics logistic regression: unsafe vs safe
 * @param encoder MLP over MiniLM embeddings: unsafe vs safe (null when trained without the encoder)
 * @param promptStack stacking model over {@link MetaFeatures#prompt}: the unsafe probability of a user turn
 * @param categories one sigmoid per hazard code over n-grams + unit MiniLM embedding (or none), trained on unsafe
 *     rows only: P(code | unsafe)
 * @param refusal n-gram + statistics logistic regression over a reply: output 0 the reply refuses, output 1 the reply is
 *     unsafe read as a reply
 * @param replyStack stacking model over {@link MetaFeatures#reply}: the unsafe probability of an assistant turn
 * @param codes the hazard codes of {@code categories}' outputs, in order
 * @param promptThreshold raw unsafe probability of a user turn that maps to the operating point 0.5
 * @param replyThreshold raw unsafe probability of an assistant turn that maps to the operating point 0.5
 * @param info training provenance and metrics (the model card's numbers)
 * @param tunedEncoder the fine-tuned MiniLM (a delta over the fp32 base, with its own head) that replaces {@code encoder}:
 *     its logit feeds the stack and its pooled output the category model; null for a head over frozen embeddings
 */
public record SafetyHead(
    HashedNgrams ngrams,
    LogisticRegression lexical,
    Mlp encoder,
    LogisticRegression promptStack,
    LogisticRegression categories,
    LogisticRegression refusal,
    LogisticRegression replyStack,
    List<String> codes,
    double promptThreshold,
    double replyThreshold,
    ObjectNode info,
    EncoderDelta tunedEncoder) {

  public static final String RESOURCE = "/dev/bulwark/llm/embedded/llama-guard-head.bwh";
  public static final String FORMAT = "bulwark-llama-guard-head";

  /** The file name of a tuned encoder's delta, beside the head file (and beside {@link #RESOURCE} in the jar). */
  public static final String TUNED_ENCODER_FILE = "llama-guard-encoder.bwd";

  private static final String TUNED_ENCODER_RESOURCE = "/dev/bulwark/llm/embedded/" + TUNED_ENCODER_FILE;

  /** Over frozen embeddings (or without an encoder stage). */
  public SafetyHead(HashedNgrams ngrams, LogisticRegression lexical, Mlp encoder, LogisticRegression promptStack,
      LogisticRegression categories, LogisticRegression refusal, LogisticRegression replyStack, List<String> codes,
      double promptThreshold, double replyThreshold, ObjectNode info) {
    this(ngrams, lexical, encoder, promptStack, categories, refusal, replyStack, codes, promptThreshold, replyThreshold, info, null);
  }

  public SafetyHead {
    codes = List.copyOf(codes);
    if (categories.outputs() != codes.size()) {
      throw new IllegalArgumentException("category model has " + categories.outputs() + " outputs for " + codes.size() + " codes");
    }
    if (encoder != null && tunedEncoder != null) {
      throw new IllegalArgumentException("a head has one encoder stage: an MLP over frozen embeddings or a tuned encoder, not both");
    }
    if (tunedEncoder != null && tunedEncoder.head().labels().size() != 2) {
      throw new IllegalArgumentException("the tuned encoder has " + tunedEncoder.head().labels().size() + " labels; safe and unsafe expected");
    }
  }

  public boolean hasEncoder() {
    return encoder != null || tunedEncoder != null;
  }

  /** Width of the embedding the category model reads beside the n-grams (0 without an encoder stage). */
  public int embeddingDimension() {
    return encoder != null ? encoder.inputs() : tunedEncoder != null ? tunedEncoder.head().dimension() : 0;
  }

  /** The head shipped in the jar, with the tuned encoder beside it when it names one. */
  public static SafetyHead shipped() {
    return fromFile(HeadFile.readResource(SafetyHead.class, RESOURCE, "the embedded Llama Guard head"),
        name -> EncoderDelta.readResource(SafetyHead.class, TUNED_ENCODER_RESOURCE, "the shipped Llama Guard head", name));
  }

  /** A head file; a tuned encoder it names is read from the same directory. */
  public static SafetyHead read(Path file) {
    return fromFile(HeadFile.read(file), name -> EncoderDelta.readBeside(file, name));
  }

  /** Writes the head, and a tuned encoder beside it as {@link #TUNED_ENCODER_FILE}. */
  public void write(Path file) throws IOException {
    toFile().write(file, Set.of("prompt_stack.weights", "prompt_stack.bias", "reply_stack.weights", "reply_stack.bias",
        "lexical.bias", "refusal.bias", "categories.bias"));
    if (tunedEncoder != null) {
      tunedEncoder.write(file.toAbsolutePath().resolveSibling(TUNED_ENCODER_FILE));
    }
  }

  HeadFile toFile() {
    ObjectNode m = HeadFile.newMetadata();
    m.put("format", FORMAT);
    HashedNgrams.Config c = ngrams.config();
    ObjectNode n = m.putObject("ngrams");
    n.put("bits", c.bits()).put("char_min", c.charMin()).put("char_max", c.charMax()).put("word_min", c.wordMin()).put("word_max", c.wordMax());
    m.putArray("statistics").addAll(TextStatistics.NAMES.stream().map(m.arrayNode()::textNode).toList());
    m.putArray("codes").addAll(codes.stream().map(m.arrayNode()::textNode).toList());
    m.put("mlp_hidden", encoder == null ? 0 : encoder.hidden());
    if (tunedEncoder != null) {
      m.put("tuned_encoder", TUNED_ENCODER_FILE);
    }
    m.put("prompt_threshold", promptThreshold).put("reply_threshold", replyThreshold);
    m.set("info", info);
    Map<String, float[]> a = new LinkedHashMap<>();
    a.put("ngram.idf", ngrams.idf());
    put(a, "lexical", lexical);
    if (encoder != null) {
      String[] names = {"mlp.mean", "mlp.scale", "mlp.w1", "mlp.b1", "mlp.w2", "mlp.b2"};
      float[][] p = encoder.parameters();
      for (int i = 0; i < names.length; i++) {
        a.put(names[i], p[i]);
      }
    }
    put(a, "prompt_stack", promptStack);
    put(a, "categories", categories);
    put(a, "refusal", refusal);
    put(a, "reply_stack", replyStack);
    return new HeadFile(m, a);
  }

  /** A model's weights, outputs concatenated, and its biases. */
  private static void put(Map<String, float[]> a, String name, LogisticRegression lr) {
    int width = lr.sparseDim() + lr.denseDim();
    float[] w = new float[width * lr.outputs()];
    float[] b = new float[lr.outputs()];
    for (int k = 0; k < lr.outputs(); k++) {
      System.arraycopy(lr.weights(k), 0, w, k * width, width);
      b[k] = lr.bias(k);
    }
    a.put(name + ".weights", w);
    a.put(name + ".bias", b);
  }

  private static LogisticRegression get(HeadFile f, String name, int sparseDim, int denseDim) {
    float[] w = f.array(name + ".weights");
    float[] b = f.array(name + ".bias");
    int width = sparseDim + denseDim;
    if (w.length != width * b.length) {
      throw new ClassifierException(name + ": " + w.length + " weights for " + b.length + " outputs of width " + width
          + ": the head file does not match this build; retrain it with 'bulwark train llama-guard'");
    }
    float[][] rows = new float[b.length][];
    for (int k = 0; k < b.length; k++) {
      rows[k] = java.util.Arrays.copyOfRange(w, k * width, (k + 1) * width);
    }
    return new LogisticRegression(sparseDim, denseDim, rows, b);
  }

  static SafetyHead fromFile(HeadFile f, Function<String, EncoderDelta> tunedEncoders) {
    ObjectNode m = f.metadata();
    f.requireHead(FORMAT, "Llama Guard", "bulwark train llama-guard");
    HashedNgrams ngrams = f.ngrams();
    HashedNgrams.Config c = ngrams.config();
    int stats = TextStatistics.dimension();
    Mlp mlp = f.mlp();
    EncoderDelta tuned = m.hasNonNull("tuned_encoder") ? tunedEncoders.apply(m.get("tuned_encoder").asText()) : null;
    boolean enc = mlp != null || tuned != null;
    int embedding = mlp != null ? mlp.inputs() : tuned != null ? tuned.head().dimension() : 0;
    List<String> codes = new ArrayList<>();
    m.path("codes").forEach(x -> codes.add(x.asText()));
    return new SafetyHead(ngrams,
        get(f, "lexical", c.dimension(), stats),
        mlp,
        get(f, "prompt_stack", 0, MetaFeatures.promptDimension(enc)),
        get(f, "categories", c.dimension(), embedding),
        get(f, "refusal", c.dimension(), stats),
        get(f, "reply_stack", 0, MetaFeatures.replyDimension()),
        codes,
        m.path("prompt_threshold").asDouble(0.5),
        m.path("reply_threshold").asDouble(0.5),
        (ObjectNode) m.path("info"),
        tuned);
  }
}
