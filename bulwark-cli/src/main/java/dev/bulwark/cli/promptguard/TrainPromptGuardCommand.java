package dev.bulwark.cli.promptguard;

import dev.bulwark.cli.CliException;
import dev.bulwark.cli.ExitCodes;
import dev.bulwark.classifier.ClassifierException;
import dev.bulwark.classifier.metrics.ScoredExample;
import dev.bulwark.promptguard.ToolOutputCorpus;
import dev.bulwark.classifier.data.LabelledData;
import dev.bulwark.classifier.data.LabelledText;
import dev.bulwark.classifier.data.OrdinarySources;
import dev.bulwark.classifier.metrics.FlagRates;
import dev.bulwark.promptguard.EmbeddedPromptGuard;
import dev.bulwark.promptguard.EvaluationReport;
import dev.bulwark.promptguard.PromptGuardTrainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import dev.bulwark.cli.TrainingOptions;
import dev.bulwark.cli.FineTuningOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark train prompt-guard}: trains the embedded head (n-grams + MiniLM, stacked, cascade). */
@Command(name = "prompt-guard", mixinStandardHelpOptions = true,
    description = {
      "Train the embedded Prompt Guard head on labelled JSONL (benign / injection / jailbreak) plus the project's own",
      "tool-output documents. Writes to --out: prompt-guard-head.bwh (copy it to",
      "bulwark-promptguard/src/main/resources/dev/bulwark/promptguard/ to ship it), training-report.json,",
      "oof-scores.jsonl (cross-validated scores of every training row) and heldout-tool-outputs.jsonl (the held-out",
      "tool-output test documents, never trained on). Prints the out-of-fold report. The n-gram L2 penalty (--l2)",
      "defaults to " + PromptGuardTrainer.DEFAULT_L2 + "; the ordinary-traffic flag rate (--ordinary-flag-rate) to "
          + PromptGuardTrainer.DEFAULT_ORDINARY_FLAG_RATE + "."
    })
public final class TrainPromptGuardCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TrainingOptions training;

  @Mixin FineTuningOptions fineTuning;

  @Option(names = "--exclude-noncommercial",
      description = "Drop copyleft / share-alike sources (EasyJailbreak GPL-3.0; BIPIA rows on CC-BY-SA-4.0 tables and code).")
  boolean excludeNonCommercial;

  @Option(names = "--tool-output-docs", defaultValue = "3000", description = "Generated tool-output documents to add (default ${DEFAULT-VALUE}).")
  int toolOutputDocs;

  @Option(names = "--heldout-docs", defaultValue = "1000", description = "Held-out tool-output test documents to write (default ${DEFAULT-VALUE}).")
  int heldoutDocs;



  /**
   * Scores, with the trained head, the ordinary traffic it never saw (the held-back share of each --benign file and
   * the test split of the everyday corpus) and adds the flag rates to the report.
   */
  private static void heldBack(PromptGuardTrainer.Result result, OrdinarySources ordinary, PrintWriter log) {
    List<LabelledText> rows = ordinary.heldBackRows(LabelledText.BENIGN);
    if (rows.isEmpty()) {
      return;
    }
    List<ScoredExample> scored = new ArrayList<>(rows.size());
    try (EmbeddedPromptGuard model = new EmbeddedPromptGuard(result.head(), EmbeddedPromptGuard.Options.defaults())) {
      for (LabelledText r : rows) {
        scored.add(new ScoredExample(r.id(), model.score(r.text()).score(), false,
            java.util.Map.of("label", r.label(), "lang", r.lang(), "category", r.category(), "source", r.source(), "role", r.role(),
                FlagRates.LENGTH, FlagRates.lengthBand(r.text().length()))));
      }
    }
    var node = result.report().putObject("held_back_ordinary");
    FlagRates.of(scored, result.head().threshold()).forEach((slice, rate) -> node.put(slice, rate));
    log.printf("held-back ordinary traffic (never trained on), flag rates at the threshold:%n%s", FlagRates.format(scored,
        result.head().threshold()));
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter log = spec.commandLine().getErr();
    Path cache = training.prepare();
    Path out = training.out;
    PromptGuardTrainer.Result result;
    try {
      var options = new PromptGuardTrainer.Options(training.data, training.seed, excludeNonCommercial,
          toolOutputDocs, training.folds, !training.noEncoder, cache, training.bits, training.l2(PromptGuardTrainer.DEFAULT_L2),
          training.ordinary(PromptGuardTrainer.DEFAULT_ORDINARY_FLAG_RATE), training.badRows(), log);
      if (fineTuning.fineTune) {
        if (training.noEncoder) {
          throw new dev.bulwark.cli.UsageException("--fine-tune and --no-encoder exclude each other");
        }
        options = options.withTuning(fineTuning.tuning(training.seed, out, log), fineTuning.folds());
      }
      result = new PromptGuardTrainer().train(options);
    } catch (IllegalArgumentException | ClassifierException e) {
      throw new CliException(e.getMessage(), e);
    }
    Path head = out.resolve("prompt-guard-head.bwh");
    heldBack(result, training.ordinary(PromptGuardTrainer.DEFAULT_ORDINARY_FLAG_RATE), log);
    result.head().write(head);
    Files.writeString(out.resolve("training-report.json"),
        result.report().toPrettyString() + "\n", StandardCharsets.UTF_8);
    List<LabelledText> oof = new ArrayList<>();
    for (ScoredExample e : result.outOfFold()) {
      oof.add(new LabelledText(e.id(), String.format("%.6f", e.score()), e.attribute("label"), e.attribute("category"),
          e.attribute("lang"), e.attribute("source"), e.attribute("role")));
    }
    LabelledData.write(out.resolve("oof-scores.jsonl"), oof);
    ToolOutputCorpus corpus = new ToolOutputCorpus();
    List<LabelledText> heldout = new ArrayList<>(corpus.generate(ToolOutputCorpus.Split.TEST, heldoutDocs, training.seed));
    heldout.addAll(corpus.handwritten());
    LabelledData.write(out.resolve("heldout-tool-outputs.jsonl"), heldout);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println("Out-of-fold scores of the training rows (cascade; no row scored by a model that saw it):");
    stdout.println(EvaluationReport.format(result.outOfFold(), result.head().threshold()));
    stdout.printf("head: %s (%d bytes)%n", head, Files.size(head));
    Path delta = out.resolve(dev.bulwark.promptguard.EmbeddedHead.TUNED_ENCODER_FILE);
    if (result.head().tunedEncoder() != null) {
      stdout.printf("tuned encoder: %s (%d bytes; ship it beside the head)%n", delta, Files.size(delta));
    }
    return ExitCodes.OK;
  }
}
