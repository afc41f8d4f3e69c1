package dev.bulwark.cli.llamaguard;

import dev.bulwark.classifier.metrics.ScoredExample;
import dev.bulwark.cli.CliException;
import dev.bulwark.cli.ExitCodes;
import dev.bulwark.cli.UsageException;
import dev.bulwark.core.ConfigException;
import dev.bulwark.core.Finding;
import dev.bulwark.core.FirewallConfig;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.ScannerSettings;
import dev.bulwark.core.Status;
import dev.bulwark.core.Trace;
import dev.bulwark.llm.ChatMessage;
import dev.bulwark.llm.SafetyReport;
import dev.bulwark.llm.LabelledTurn;
import dev.bulwark.llm.LabelledTurns;
import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerRegistry;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.bulwark.classifier.data.EverydayCorpus;
import dev.bulwark.classifier.metrics.FlagRates;
import dev.bulwark.llm.SafetyData;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark eval llama-guard}: AUC, recall at 1% FPR and precision/recall at the threshold, sliced. */
@Command(name = "llama-guard", mixinStandardHelpOptions = true,
    description = {
      "Score labelled JSONL ({id, text, label: safe|unsafe, category, lang, source, role?, context?}) with the",
      "llama-guard scanner as configured (the embedded classifier when no backend is set) and print safe-vs-unsafe AUC,",
      "recall at 1% FPR (oracle threshold) and precision / recall / FPR at the configured threshold: on prompts with",
      "and without the weakly labelled source (AILuminate), per hazard code, per language, per source; the flag rate",
      "on benign-but-alarming prompts (XSTest safe, CyberSecEval FRR) on its own; and assistant replies (rows with",
      "role assistant, judged given their context) separately. Give --input several times to pool files."
    })
public final class EvalLlamaGuardCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--input", paramLabel = "FILE", description = "Labelled JSONL (repeatable).")
  List<Path> inputs = new ArrayList<>();

  @Option(names = "--everyday-test",
      description = "Add the project's held-out everyday-traffic messages (greetings, follow-ups, many languages, tool outputs; never trained on).")
  boolean everydayTest;

  @Option(names = "--config", paramLabel = "FILE", description = "Firewall configuration whose llama-guard settings to use.")
  Path config;

  @Option(names = "--head", paramLabel = "FILE", description = "Evaluate this trained head instead of the shipped one.")
  Path head;

  @Option(names = "--threshold", description = "Override the threshold.")
  Double threshold;

  @Option(names = "--scores", paramLabel = "FILE", description = "Also write each row's score, decision and codes as JSONL.")
  Path scoresOut;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the metrics as JSON.")
  Path jsonOut;

  @Option(names = "--threads", defaultValue = "2", description = "Rows scored in parallel (default ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws Exception {
    List<LabelledTurn> rows = new ArrayList<>();
    if (everydayTest) {
      EverydayCorpus.read(EverydayCorpus.Split.TEST, LabelledTurn.SAFE).forEach(t -> rows.add(SafetyData.turn(t)));
    }
    for (Path input : inputs) {
      if (!Files.isRegularFile(input)) {
        throw new UsageException("--input: file not found: " + input);
      }
      try {
        rows.addAll(LabelledTurns.read(input));
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage());
      }
    }
    if (rows.isEmpty()) {
      throw new UsageException(inputs.isEmpty() && !everydayTest ? "give --input FILE or --everyday-test" : "--input: no rows in " + inputs);
    }
    ScannerSettings settings = settings();
    ScannerProvider provider = ScannerRegistry.discover().find("llama-guard").orElseThrow();
    double t;
    try {
      // the threshold these settings give, or the one llama-guard's spec declares
      t = ((Number) settings.get(provider.spec().setting("threshold").orElseThrow())).doubleValue();
    } catch (ConfigException e) {
      throw new CliException(e.getMessage(), e);
    }
    Scanner scanner;
    try {
      scanner = provider.create(settings);
    } catch (ConfigException e) {
      throw new CliException(e.getMessage(), e);
    }
    try (scanner) {
      PrintWriter err = spec.commandLine().getErr();
      long t0 = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
      List<Future<ScanResult>> futures = new ArrayList<>();
      for (LabelledTurn r : rows) {
        futures.add(pool.submit(() -> scanner.scan(message(r.role(), r.text()), context(r.context()))));
      }
      List<ScoredExample> scored = new ArrayList<>();
      int errors = 0;
      BufferedWriter scores = scoresOut == null ? null : Files.newBufferedWriter(scoresOut, StandardCharsets.UTF_8);
      try {
        for (int i = 0; i < rows.size(); i++) {
          LabelledTurn r = rows.get(i);
          ScanResult res = futures.get(i).get();
          if (res.status() == Status.ERROR || res.status() == Status.TIMEOUT) {
            errors++;
            err.printf("%s: %s: %s%n", r.id(), res.status().name().toLowerCase(), res.error());
          }
          List<String> codes = res.findings().stream().map(Finding::category).distinct().toList();
          Map<String, String> attrs = new LinkedHashMap<>(SafetyReport.attributes(r, codes));
          attrs.put(FlagRates.LENGTH, FlagRates.lengthBand(r.text().length()));
          scored.add(new ScoredExample(r.id(), res.score(), r.unsafe(), attrs));
          if (scores != null) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", r.id());
            o.put("score", Math.round(res.score() * 1e6) / 1e6);
            o.put("decision", res.decision().name().toLowerCase());
            o.put("codes", codes);
            o.put("label", r.label());
            o.put("category", r.category());
            o.put("source", r.source());
            o.put("lang", r.lang());
            o.put("role", r.role());
            scores.write(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(o));
            scores.write('\n');
          }
        }
      } finally {
        pool.shutdown();
        if (scores != null) {
          scores.close();
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%s: %d rows scored in %.1f s (%.1f ms per row with %d threads)%s; threshold %.3f%n", inputs, rows.size(), seconds,
          1000 * seconds / rows.size(), threads, errors > 0 ? "; " + errors + " rows failed" : "", t);
      SafetyReport report = new SafetyReport(t);
      out.print(report.format(scored));
      if (scored.stream().anyMatch(e -> !e.positive())) {
        out.println();
        out.println("Flag rate on the safe rows (over-defense), by language, length (characters), role and category:");
        out.print(FlagRates.format(scored, t));
      }
      if (jsonOut != null) {
        Files.writeString(jsonOut, report.json(scored).toPrettyString() + "\n", StandardCharsets.UTF_8);
        err.println("metrics written to " + jsonOut);
      }
      if (scoresOut != null) {
        err.println("scores written to " + scoresOut);
      }
    }
    return ExitCodes.OK;
  }

  private static Message message(String role, String text) {
    Role r;
    try {
      r = Role.parse(role);
    } catch (IllegalArgumentException e) {
      r = Role.USER;
    }
    return new Message(r, text);
  }

  private static Trace context(List<ChatMessage> context) {
    List<Message> out = new ArrayList<>();
    for (ChatMessage m : context) {
      out.add(message(m.role(), m.text()));
    }
    return Trace.of(out);
  }

  private ScannerSettings settings() {
    FirewallConfig cfg = config == null ? FirewallConfig.defaults() : FirewallConfig.load(config);
    FirewallConfig.ScannerInstance spec0 = cfg.scanners().get("llama-guard");
    if (spec0 != null && head == null && threshold == null) {
      return new ScannerSettings("llama-guard", "llama-guard", spec0.params(), cfg);
    }
    Map<String, Object> overrides = new LinkedHashMap<>();
    if (spec0 != null) {
      spec0.params().entries().forEach(overrides::put);
    }
    if (head != null) {
      overrides.put("head", head.toAbsolutePath().toString());
    }
    if (threshold != null) {
      overrides.put("threshold", threshold);
    }
    // Keep the configuration as root, so a backend named in it still resolves.
    return new ScannerSettings("llama-guard", "llama-guard", ScannerSettings.of("llama-guard", overrides).params(), cfg);
  }
}
