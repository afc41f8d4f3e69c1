package dev.bulwark.cli.promptguard;

import dev.bulwark.cli.CliException;
import dev.bulwark.cli.ExitCodes;
import dev.bulwark.cli.UsageException;
import dev.bulwark.classifier.data.LabelledData;
import dev.bulwark.classifier.data.LabelledText;
import dev.bulwark.classifier.metrics.ScoredExample;
import dev.bulwark.classifier.data.EverydayCorpus;
import dev.bulwark.classifier.metrics.FlagRates;
import dev.bulwark.core.FirewallConfig;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.ScannerSettings;
import dev.bulwark.core.Trace;
import dev.bulwark.promptguard.PromptGuardProvider;
import dev.bulwark.promptguard.PromptGuardScanner;
import dev.bulwark.promptguard.EmbeddedPromptGuard;
import dev.bulwark.promptguard.EvaluationReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark eval prompt-guard}: AUC, recall at 1% FPR and precision/recall at the threshold, sliced. */
@Command(name = "prompt-guard", mixinStandardHelpOptions = true,
    description = {
      "Score labelled JSONL ({id, text, label, lang, category, source, role}) with the prompt-guard scanner as",
      "configured, and print AUC, recall at 1% FPR (oracle threshold) and precision / recall / FPR at the configured",
      "threshold: overall, per label, per language, per category and per source, with tool outputs reported separately.",
      "Labels benign/safe are negatives; injection, jailbreak (or anything else) are attacks."
    })
public final class EvalPromptGuardCommand implements java.util.concurrent.Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--input", paramLabel = "FILE", description = "Labelled JSONL (repeatable: the files are pooled).")
  List<Path> inputs = new ArrayList<>();

  @Option(names = "--everyday-test",
      description = "Add the project's held-out everyday-traffic messages (greetings, follow-ups, many languages, tool outputs; never trained on).")
  boolean everydayTest;

  @Option(names = "--tool-output-test",
      description = "Instead of --input: the project's held-out tool-output documents (generated with --seed, plus the hand-written ones; never trained on).")
  boolean toolOutputTest;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the held-out documents (default ${DEFAULT-VALUE}, as training's).")
  long seed;

  @Option(names = "--docs", defaultValue = "1000", description = "Generated held-out documents (default ${DEFAULT-VALUE}).")
  int docs;

  @Option(names = "--config", paramLabel = "FILE", description = "Firewall configuration whose prompt-guard settings to use.")
  Path config;

  @Option(names = "--head", paramLabel = "FILE", description = "Evaluate this trained head instead of the shipped one.")
  Path head;

  @Option(names = "--threshold", description = "Override the threshold.")
  Double threshold;

  @Option(names = "--scores", paramLabel = "FILE", description = "Also write each row's score as JSONL.")
  Path scoresOut;

  @Option(names = "--threads", defaultValue = "2", description = "Rows scored in parallel (default ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws Exception {
    List<LabelledText> rows;
    String name;
    if (toolOutputTest) {
      var corpus = new dev.bulwark.promptguard.ToolOutputCorpus();
      rows = new ArrayList<>(corpus.generate(dev.bulwark.promptguard.ToolOutputCorpus.Split.TEST, docs, seed));
      rows.addAll(corpus.handwritten());
      name = "held-out tool outputs (seed " + seed + ")";
    } else {
      if (inputs.isEmpty() && !everydayTest) {
        throw new UsageException("give --input FILE, --everyday-test or --tool-output-test");
      }
      rows = new ArrayList<>();
      for (Path input : inputs) {
        if (!Files.isRegularFile(input)) {
          throw new UsageException("--input: file not found: " + input);
        }
        try {
          rows.addAll(LabelledData.read(input));
        } catch (IllegalArgumentException e) {
          throw new CliException(e.getMessage());
        }
      }
      name = inputs.isEmpty() ? "held-out everyday traffic" : inputs.size() == 1 ? inputs.get(0).toString() : inputs.toString();
    }
    if (everydayTest) {
      rows.addAll(EverydayCorpus.read(EverydayCorpus.Split.TEST, LabelledText.BENIGN));
    }
    if (rows.isEmpty()) {
      throw new UsageException("no rows to evaluate");
    }
    try (PromptGuardScanner scanner = build()) {
      PrintWriter err = spec.commandLine().getErr();
      long t0 = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
      List<Future<ScanResult>> futures = new ArrayList<>();
      for (LabelledText r : rows) {
        Role role = Role.USER;
        try {
          role = Role.parse(r.role());
        } catch (IllegalArgumentException e) {
          // unknown role in the file: score it as a user message
        }
        Message m = new Message(role, r.text()).withAttribute(PromptGuardScanner.LANGUAGE, r.lang());
        futures.add(pool.submit(() -> scanner.scan(m, Trace.empty())));
      }
      List<ScoredExample> scored = new ArrayList<>();
      List<LabelledText> scoreRows = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        LabelledText r = rows.get(i);
        double score = futures.get(i).get().score();
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("label", r.label());
        attrs.put("lang", r.lang());
        attrs.put("category", r.category());
        attrs.put("source", r.source());
        attrs.put("role", r.role());
        attrs.put(FlagRates.LENGTH, FlagRates.lengthBand(r.text().length()));
        scored.add(new ScoredExample(r.id(), score, r.malicious(), attrs));
        scoreRows.add(new LabelledText(r.id(), String.format("%.6f", score), r.label(), r.category(), r.lang(), r.source(), r.role()));
      }
      pool.shutdown();
      double seconds = (System.nanoTime() - t0) / 1e9;
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%s: %d rows scored by %s in %.1f s%n", name, rows.size(), scanner.model().description(), seconds);
      if (scanner.model() instanceof EmbeddedPromptGuard e) {
        long[] c = e.stageCounts();
        out.printf("cascade: lexical stage decided %d rows (%.1f%%), encoder ran on %d (%.1f%%)%n", c[0], 100.0 * c[0] / Math.max(1, c[0] + c[1]),
            c[1], 100.0 * c[1] / Math.max(1, c[0] + c[1]));
      }
      out.print(EvaluationReport.format(scored, scanner.threshold()));
      if (scored.stream().anyMatch(e -> !e.positive())) {
        out.println("Flag rate on the benign rows (over-defense), by language, length (characters), role and category:");
        out.print(FlagRates.format(scored, scanner.threshold()));
      }
      out.flush();
      if (scoresOut != null) {
        LabelledData.write(scoresOut, scoreRows);
        err.println("scores written to " + scoresOut);
      }
    }
    return ExitCodes.OK;
  }

  private PromptGuardScanner build() {
    FirewallConfig cfg = config == null ? FirewallConfig.defaults() : FirewallConfig.load(config);
    FirewallConfig.ScannerInstance spec0 = cfg.scanners().get(PromptGuardScanner.NAME);
    Map<String, Object> overrides = new LinkedHashMap<>();
    if (spec0 != null) {
      spec0.params().entries().forEach((k, v) -> overrides.put(k, v));
    }
    if (head != null) {
      overrides.put("head", head.toAbsolutePath().toString());
    }
    if (threshold != null) {
      overrides.put("threshold", threshold);
    }
    ScannerSettings settings = spec0 != null && head == null && threshold == null
        ? new ScannerSettings(PromptGuardScanner.NAME, PromptGuardScanner.NAME, spec0.params(), cfg)
        : ScannerSettings.of(PromptGuardScanner.NAME, overrides);
    return (PromptGuardScanner) new PromptGuardProvider().create(settings);
  }
}
