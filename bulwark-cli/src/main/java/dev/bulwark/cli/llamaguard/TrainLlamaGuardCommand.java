package dev.bulwark.cli.llamaguard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.classifier.ClassifierException;
import dev.bulwark.classifier.metrics.ScoredExample;
import dev.bulwark.cli.CliException;
import dev.bulwark.cli.ExitCodes;
import dev.bulwark.cli.UsageException;
import dev.bulwark.llm.SafetyReport;
import dev.bulwark.llm.LabelledTurns;
import dev.bulwark.llm.SafetyTrainer;
import java.io.BufferedWriter;
import java.io.IOException;
import dev.bulwark.classifier.data.LabelledText;
import dev.bulwark.classifier.data.OrdinarySources;
import dev.bulwark.classifier.metrics.FlagRates;
import dev.bulwark.llm.ChatMessage;
import dev.bulwark.llm.EmbeddedSafetyClassifier;
import dev.bulwark.llm.LabelledTurn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import dev.bulwark.cli.FineTuningOptions;
import dev.bulwark.cli.TrainingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark train llama-guard}: trains the embedded content-safety head (n-grams + MiniLM, stacked; replies). */
@Command(name = "llama-guard", mixinStandardHelpOptions = true,
    description = {
      "Train the embedded Llama Guard head (the default of the llama-guard scanner) on labelled content-safety JSONL",
      "({id, text, label: safe|unsafe, category: S1..S14, lang, source}) plus the project's own generated conversations",
      "for assistant replies. Writes to --out: llama-guard-head.bwh (copy it to",
      "bulwark-llm/src/main/resources/dev/bulwark/llm/embedded/ to ship it), training-report.json, oof-scores.jsonl",
      "(cross-validated scores of every training row) and heldout-replies.jsonl (generated conversations never trained",
      "on). Prints the out-of-fold report and the held-out reply report. The n-gram L2 penalty (--l2) defaults to " + SafetyTrainer.DEFAULT_L2 + ".",
      "With --fine-tune, the encoder stage is a fine-tuned MiniLM written beside the head as " + dev.bulwark.llm.SafetyHead.TUNED_ENCODER_FILE + "."
    })
public final class TrainLlamaGuardCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TrainingOptions training;

  @Mixin FineTuningOptions fineTuning;

  @Option(names = "--exclude-noncommercial", description = "Drop non-commercial sources (SimpleSafetyTests, CC-BY-NC-4.0).")
  boolean excludeNonCommercial;

  @Option(names = "--exclude-weak", description = "Drop the weakly labelled source (AILuminate hazard-eliciting prompts).")
  boolean excludeWeak;

  @Option(names = "--weak-weight", defaultValue = "1.0", description = "Example weight of weakly labelled rows when kept (default ${DEFAULT-VALUE}).")
  double weakWeight;

  @Option(names = "--target-fpr", defaultValue = "0.02", description = "Out-of-fold false-positive rate on all safe prompts at the threshold (default ${DEFAULT-VALUE}).")
  double targetFpr;

  @Option(names = "--over-refusal-fpr", defaultValue = "0.025",
      description = "Out-of-fold flag rate on benign-but-alarming prompts at the threshold (default ${DEFAULT-VALUE}).")
  double overRefusalFpr;

  @Option(names = "--reply-fpr", defaultValue = "0.02", description = "Out-of-fold false-positive rate on safe generated replies (default ${DEFAULT-VALUE}).")
  double replyFpr;

  @Option(names = "--no-generated-prompts",
      description = "Train the prompt model on --data only, without the project's prompts built from hand-written goals.")
  boolean noGeneratedPrompts;


  /**
   * Scores, with the trained head, the ordinary traffic it never saw (the held-back share of each --benign file and
   * the test split of the everyday corpus) as user turns, and adds the flag rates to the report.
   */
  private static void heldBack(SafetyTrainer.Result result, OrdinarySources ordinary, PrintWriter log) {
    List<LabelledText> rows = ordinary.heldBackRows(LabelledTurn.SAFE);
    if (rows.isEmpty()) {
      return;
    }
    List<ScoredExample> scored = new ArrayList<>(rows.size());
    try (EmbeddedSafetyClassifier model = new EmbeddedSafetyClassifier(result.head(), EmbeddedSafetyClassifier.Options.defaults())) {
      for (LabelledText r : rows) {
        double score = model.assess(List.of(ChatMessage.user(r.text()))).score();
        scored.add(new ScoredExample(r.id(), score, false, Map.of("lang", r.lang(), "category", r.category(), "role", r.role(),
            FlagRates.LENGTH, FlagRates.lengthBand(r.text().length()))));
      }
    }
    var node = result.report().putObject("held_back_ordinary");
    double threshold = EmbeddedSafetyClassifier.Options.defaults().threshold();
    FlagRates.of(scored, threshold).forEach(node::put);
    log.printf("held-back ordinary traffic (never trained on), flag rates at the threshold:%n%s", FlagRates.format(scored, threshold));
  }

  @Override
  public Integer call() throws IOException {
    for (double r : new double[] {targetFpr, overRefusalFpr, replyFpr}) {
      if (!(r > 0 && r < 1)) {
        throw new UsageException("--target-fpr, --over-refusal-fpr and --reply-fpr must be between 0 and 1");
      }
    }
    if (!(weakWeight > 0)) {
      throw new UsageException("--weak-weight must be positive (use --exclude-weak to drop the source)");
    }
    PrintWriter log = spec.commandLine().getErr();
    Path cache = training.prepare();
    Path out = training.out;
    SafetyTrainer.Result result;
    try {
      var options = new SafetyTrainer.Options(training.data, training.seed, excludeNonCommercial, excludeWeak, weakWeight,
          training.folds, !training.noEncoder, cache, training.bits, training.l2(SafetyTrainer.DEFAULT_L2), targetFpr, overRefusalFpr, replyFpr, !noGeneratedPrompts,
          training.ordinary(SafetyTrainer.DEFAULT_ORDINARY_FLAG_RATE), training.badRows(), log);
      if (fineTuning.fineTune) {
        if (training.noEncoder) {
          throw new UsageException("--fine-tune and --no-encoder exclude each other");
        }
        options = options.withTuning(fineTuning.tuning(training.seed, out, log), fineTuning.folds());
      }
      result = new SafetyTrainer().train(options);
    } catch (IllegalArgumentException | ClassifierException e) {
      throw new CliException(e.getMessage(), e);
    }
    Path head = out.resolve("llama-guard-head.bwh");
    heldBack(result, training.ordinary(SafetyTrainer.DEFAULT_ORDINARY_FLAG_RATE), log);
    result.head().write(head);
    Files.writeString(out.resolve("training-report.json"), result.report().toPrettyString() + "\n", StandardCharsets.UTF_8);
    writeScores(out.resolve("oof-scores.jsonl"), result);
    LabelledTurns.write(out.resolve("heldout-replies.jsonl"), result.heldoutReplies());
    PrintWriter stdout = spec.commandLine().getOut();
    SafetyReport report = new SafetyReport(0.5);
    stdout.println("Out-of-fold scores of the training rows (no row scored by a model that saw it); threshold 0.5 = operating point");
    stdout.print(report.format(result.outOfFold()));
    stdout.println();
    stdout.println("Held-out generated conversations (goals and templates never trained on), scored by the final head");
    stdout.print(report.format(result.heldoutScores()));
    stdout.println();
    stdout.println("Held-out hand-written conversations (replies written for their requests; never trained on), scored by the final head");
    stdout.print(report.format(result.handwrittenScores()));
    stdout.printf("%nhead: %s (%d bytes)%n", head, Files.size(head));
    if (result.head().tunedEncoder() != null) {
      Path delta = out.resolve(dev.bulwark.llm.SafetyHead.TUNED_ENCODER_FILE);
      stdout.printf("tuned encoder: %s (%d bytes; ship it beside the head)%n", delta, Files.size(delta));
    }
    return ExitCodes.OK;
  }

  private static void writeScores(Path file, SafetyTrainer.Result result) throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (ScoredExample e : result.outOfFold()) {
        ObjectNode o = json.createObjectNode();
        o.put("id", e.id());
        o.put("score", Math.round(e.score() * 1e6) / 1e6);
        e.attributes().forEach(o::put);
        w.write(json.writeValueAsString(o));
        w.write('\n');
      }
    }
  }
}
