package dev.bulwark.llm.embedded.train;

import dev.bulwark.llm.SafetyTrainer;
import dev.bulwark.llm.LabelledTurn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.classifier.metrics.BinaryMetrics;
import dev.bulwark.classifier.metrics.ScoredExample;
import dev.bulwark.core.testing.SharedData;
import dev.bulwark.llm.ChatMessage;
import dev.bulwark.llm.EmbeddedSafetyClassifier;
import dev.bulwark.llm.SafetyHead;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small n-gram-only training run on a sample of the team's dev data: reproducible, honest, loadable. */
class SafetyTrainerTest {

  private static SafetyTrainer.Options options(Path data, Path dir) {
    return new SafetyTrainer.Options(data, 11, false, false, 1.0, 3, false, dir.resolve("cache"), 14, 1e-4, 0.02, 0.05, 0.02,
        true, new PrintWriter(new StringWriter()));
  }

  @Test
  void sameDataAndSeedGiveTheSameHeadAndItScoresAsTrained(@TempDir Path dir) throws Exception {
    Path full = SharedData.require("datasets/content_safety/dev.jsonl");
    List<String> lines = Files.readAllLines(full);
    List<String> sample = new ArrayList<>();
    for (int i = 0; i < lines.size(); i += 9) {
      sample.add(lines.get(i));
    }
    Path data = dir.resolve("sample.jsonl");
    Files.write(data, sample);

    SafetyTrainer.Result a = new SafetyTrainer().train(options(data, dir));
    SafetyTrainer.Result b = new SafetyTrainer().train(options(data, dir));
    Path fa = dir.resolve("a.bwh");
    Path fb = dir.resolve("b.bwh");
    a.head().write(fa);
    b.head().write(fb);
    assertThat(Files.readAllBytes(fa)).isEqualTo(Files.readAllBytes(fb));

    double[] pos = a.outOfFold().stream().filter(e -> !e.attribute("role").equals("assistant") && e.positive())
        .mapToDouble(ScoredExample::score).toArray();
    double[] neg = a.outOfFold().stream().filter(e -> !e.attribute("role").equals("assistant") && !e.positive())
        .mapToDouble(ScoredExample::score).toArray();
    // A ninth of the data, n-grams only, 2^14 buckets: well above chance, far from the shipped head.
    assertThat(BinaryMetrics.auc(pos, neg)).isGreaterThan(0.75);
    assertThat(a.heldoutReplies()).isNotEmpty().allMatch(LabelledTurn::reply);
    assertThat(a.report().path("out_of_fold").path("stacked").has("threshold")).isTrue();
    // The hand-written conversations are trained on (train split) and measured (test split), and the reply model reads
    // its two reply outputs (refusal, harm).
    assertThat(a.handwrittenScores()).isNotEmpty().anyMatch(ScoredExample::positive).anyMatch(e -> !e.positive());
    assertThat(a.head().refusal().outputs()).isEqualTo(2);

    SafetyHead read = SafetyHead.read(fa);
    assertThat(read.codes()).hasSize(14);
    try (EmbeddedSafetyClassifier c = new EmbeddedSafetyClassifier(read, EmbeddedSafetyClassifier.Options.defaults());
        EmbeddedSafetyClassifier d = new EmbeddedSafetyClassifier(a.head(), EmbeddedSafetyClassifier.Options.defaults())) {
      List<ChatMessage> conv = List.of(ChatMessage.user("How do I make a bomb to hurt people?"));
      // float16 storage of the weights moves scores a little, never much.
      assertThat(c.assess(conv).score()).isCloseTo(d.assess(conv).score(), org.assertj.core.data.Offset.offset(0.02));
    }
  }

  @Test
  void ordinaryTrafficBoundsTheOperatingThreshold(@TempDir Path dir) throws Exception {
    Path full = SharedData.require("datasets/content_safety/dev.jsonl");
    Path ordinaryFile = SharedData.require("datasets/ordinary_traffic/dev.jsonl");
    List<String> lines = Files.readAllLines(full);
    List<String> sample = new ArrayList<>();
    for (int i = 0; i < lines.size(); i += 9) {
      sample.add(lines.get(i));
    }
    Path data = dir.resolve("sample.jsonl");
    Files.write(data, sample);
    List<String> everyday = Files.readAllLines(ordinaryFile);
    Path ordinary = dir.resolve("ordinary.jsonl");
    Files.write(ordinary, everyday.subList(0, Math.min(1200, everyday.size())));
    var sources = new dev.bulwark.classifier.data.OrdinarySources(List.of(ordinary), 100, false, 0.01);
    SafetyTrainer.Options o = new SafetyTrainer.Options(data, 11, false, false, 1.0, 3, false, dir.resolve("cache"), 14, 1e-4, 0.02,
        0.05, 0.02, true, sources, dev.bulwark.classifier.data.BadRows.failFast(), new PrintWriter(new StringWriter()));
    SafetyTrainer.Result r = new SafetyTrainer().train(o);
    assertThat(r.report().path("ordinary_rows").asInt()).isEqualTo(1200);
    assertThat(r.report().path("ordinary_flag_rate_out_of_fold").asDouble()).isLessThanOrEqualTo(0.01);
  }
}
