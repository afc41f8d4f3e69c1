package dev.bulwark.promptguard;

import dev.bulwark.promptguard.embedded.MetaFeatures;
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
import java.util.function.Function;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Everything the embedded Prompt Guard learned, as stored in {@code prompt-guard-head.bwh}: the n-gram IDF and
 * logistic regression, the MLP over MiniLM embeddings, the two stacking models, the cascade band and the thresholds.
 *
 * @param bandLow below this lexical score the cheap stage decides alone
 * @param bandHigh above this lexical score the cheap stage decides alone
 * @param shortText texts of at most this many characters (normalised) always go through the encoder: the n-gram stage
 *     is confidently wrong on short texts ("hi", "Can you help me?") and the encoder is cheap on them; 0 = never
 * @param threshold the default decision threshold
 * @param languageThresholds thresholds calibrated per language (ISO 639-1), overriding {@code threshold}
 * @param info training provenance and metrics (the model card's numbers)
 * @param tunedEncoder the fine-tuned MiniLM (a delta over the fp32 base, with its own head) whose logit is the
 *     encoder stage's score; null when the encoder stage is the MLP over frozen MiniLM embeddings
 */
public record EmbeddedHead(
    HashedNgrams ngrams,
    LogisticRegression lexical,
    LogisticRegression pieces,
    Mlp encoderMlp,
    LogisticRegression metaLexical,
    LogisticRegression metaFull,
    double bandLow,
    double bandHigh,
    int shortText,
    double threshold,
    Map<String, Double> languageThresholds,
    ObjectNode info,
    EncoderDelta tunedEncoder) {

  public static final String RESOURCE = "/dev/bulwark/promptguard/prompt-guard-head.bwh";
  public static final String FORMAT = "bulwark-prompt-guard-head";

  /** The file name of a tuned encoder's delta, beside the head file (and beside {@link #RESOURCE} in the jar). */
  public static final String TUNED_ENCODER_FILE = "prompt-guard-encoder.bwd";

  private static final String TUNED_ENCODER_RESOURCE = "/dev/bulwark/promptguard/" + TUNED_ENCODER_FILE;

  /** Without a tuned encoder. */
  public EmbeddedHead(HashedNgrams ngrams, LogisticRegression lexical, LogisticRegression pieces, Mlp encoderMlp,
      LogisticRegression metaLexical, LogisticRegression metaFull, double bandLow, double bandHigh, int shortText,
      double threshold, Map<String, Double> languageThresholds, ObjectNode info) {
    this(ngrams, lexical, pieces, encoderMlp, metaLexical, metaFull, bandLow, bandHigh, shortText, threshold, languageThresholds,
        info, null);
  }

  public EmbeddedHead {
    languageThresholds = Map.copyOf(languageThresholds);
  }

  /** The head shipped in the jar. */
  public static EmbeddedHead shipped() {
    return fromFile(HeadFile.readResource(EmbeddedHead.class, RESOURCE, "the embedded Prompt Guard head"),
        name -> EncoderDelta.readResource(EmbeddedHead.class, TUNED_ENCODER_RESOURCE, "the shipped Prompt Guard head", name));
  }

  /** A head file; a tuned encoder it names is read from the same directory. */
  public static EmbeddedHead read(Path file) {
    return fromFile(HeadFile.read(file), name -> EncoderDelta.readBeside(file, name));
  }

  /** Writes the head, and a tuned encoder beside it as {@link #TUNED_ENCODER_FILE}. */
  public void write(Path file) throws IOException {
    toFile().write(file, Set.of("meta_lexical.weights", "meta_lexical.bias", "meta_full.weights", "meta_full.bias", "lexical.bias", "pieces.bias"));
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
    m.put("band_low", bandLow).put("band_high", bandHigh).put("short_text", shortText).put("threshold", threshold);
    ObjectNode lt = m.putObject("language_thresholds");
    languageThresholds.forEach(lt::put);
    m.put("mlp_hidden", encoderMlp == null ? 0 : encoderMlp.hidden());
    if (tunedEncoder != null) {
      m.put("tuned_encoder", TUNED_ENCODER_FILE);
    }
    m.set("info", info);
    Map<String, float[]> a = new LinkedHashMap<>();
    a.put("ngram.idf", ngrams.idf());
    a.put("lexical.weights", lexical.weights(0));
    a.put("lexical.bias", new float[] {lexical.bias(0)});
    a.put("pieces.weights", pieces.weights(0));
    a.put("pieces.bias", new float[] {pieces.bias(0)});
    if (encoderMlp != null) {
      String[] names = {"mlp.mean", "mlp.scale", "mlp.w1", "mlp.b1", "mlp.w2", "mlp.b2"};
      float[][] p = encoderMlp.parameters();
      for (int i = 0; i < names.length; i++) {
        a.put(names[i], p[i]);
      }
    }
    a.put("meta_lexical.weights", metaLexical.weights(0));
    a.put("meta_lexical.bias", new float[] {metaLexical.bias(0)});
    if (metaFull != null) {
      a.put("meta_full.weights", metaFull.weights(0));
      a.put("meta_full.bias", new float[] {metaFull.bias(0)});
    }
    return new HeadFile(m, a);
  }

  static EmbeddedHead fromFile(HeadFile f, Function<String, EncoderDelta> tunedEncoders) {
    ObjectNode m = f.metadata();
    f.requireHead(FORMAT, "Prompt Guard", "bulwark train prompt-guard");
    HashedNgrams ngrams = f.ngrams();
    HashedNgrams.Config c = ngrams.config();
    if (m.has("instruction_shape")) {
      throw new ClassifierException("the head was trained with instruction-shape features, which this build no longer computes"
          + " (they cost recall): retrain it with 'bulwark train prompt-guard'");
    }
    int stats = TextStatistics.dimension();
    LogisticRegression lexical = new LogisticRegression(c.dimension(), stats, new float[][] {f.array("lexical.weights")},
        f.array("lexical.bias"));
    LogisticRegression pieces = new LogisticRegression(c.dimension(), stats, new float[][] {f.array("pieces.weights")},
        f.array("pieces.bias"));
    Mlp mlp = f.mlp();
    LogisticRegression metaLexical = new LogisticRegression(0, MetaFeatures.lexicalDimension(),
        new float[][] {f.array("meta_lexical.weights")}, f.array("meta_lexical.bias"));
    LogisticRegression metaFull = f.arrays().containsKey("meta_full.weights")
        ? new LogisticRegression(0, MetaFeatures.fullDimension(), new float[][] {f.array("meta_full.weights")}, f.array("meta_full.bias"))
        : null;
    Map<String, Double> lt = new HashMap<>();
    m.path("language_thresholds").properties().forEach(e -> lt.put(e.getKey(), e.getValue().asDouble()));
    EncoderDelta tuned = m.hasNonNull("tuned_encoder") ? tunedEncoders.apply(m.get("tuned_encoder").asText()) : null;
    if (tuned != null && tuned.head().labels().size() != 2) {
      throw new ClassifierException("the tuned encoder " + m.get("tuned_encoder").asText() + " has " + tuned.head().labels().size()
          + " labels; the Prompt Guard head needs a binary one");
    }
    return new EmbeddedHead(ngrams, lexical, pieces, mlp, metaLexical, metaFull, m.path("band_low").asDouble(0),
        m.path("band_high").asDouble(1), m.path("short_text").asInt(0), m.path("threshold").asDouble(0.5), lt, (ObjectNode) m.path("info"),
        tuned);
  }
}
