package dev.bulwark.cli.eval;

import dev.bulwark.cli.CliException;
import dev.bulwark.cli.ExitCodes;
import dev.bulwark.cli.UsageException;
import dev.bulwark.core.Durations;
import dev.bulwark.eval.Benchmark;
import dev.bulwark.eval.CyberSecEval;
import dev.bulwark.eval.Endpoint;
import dev.bulwark.eval.EvalException;
import dev.bulwark.eval.EvalOptions;
import dev.bulwark.eval.EvalOutcome;
import dev.bulwark.eval.ModelSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark eval cyberseceval BENCHMARK}: runs one of Meta's CyberSecEval benchmarks against OpenAI-compatible
 * endpoints, or scores a response file, and writes upstream-shaped stats and an HTML report (contracts §7).
 */
@Command(name = "cyberseceval", mixinStandardHelpOptions = true,
    description = {"Run a CyberSecEval benchmark against OpenAI-compatible endpoints, or score a response file.",
        "BENCHMARK: instruct, autocomplete, prompt-injection, frr, interpreter, malware-analysis, threat-intel,"
            + " spear-phishing.",
        "ENDPOINT: URL[;model=ID][;api-key-env=VAR][;concurrency=N] (quote it: ';' ends a shell command).",
        "Writes OUT/stats.json (upstream's shape), OUT/report.html, OUT/responses.json, OUT/judged.json, OUT/run.json;",
        "answers are cached in OUT/cache/, so an interrupted run continues and a rerun re-scores without querying."})
public final class CyberSecEvalCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "BENCHMARK", description = "The benchmark to run.")
  String benchmark;

  @Option(names = "--dataset", paramLabel = "FILE", description = "Test cases (upstream's JSON) to query the models with.")
  Path dataset;

  @Option(names = "--responses", paramLabel = "FILE",
      description = "Answers produced elsewhere (the dataset's records plus model and response): scored without querying.")
  Path responses;

  @Option(names = "--model", split = ",", paramLabel = "NAME=ENDPOINT",
      description = "A model under test; repeat the option or separate models with commas.")
  List<String> models = new ArrayList<>();

  @Option(names = "--judge", paramLabel = "ENDPOINT",
      description = "The LLM judge (prompt-injection, interpreter, spear-phishing); its name is 'judge'.")
  String judge;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where results and the cache go.")
  Path out;

  @Option(names = "--reports", paramLabel = "DIR",
      description = "CyberSOCEval report files (default: the dataset's directory).")
  Path reports;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "" + EvalOptions.DEFAULT_CONCURRENCY,
      description = "Requests in flight per endpoint URL (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "" + EvalOptions.DEFAULT_MAX_TOKENS,
      description = "Tokens a model under test may generate per answer (default: ${DEFAULT-VALUE}).")
  int maxTokens;

  @Option(names = "--temperature", paramLabel = "T", defaultValue = "" + EvalOptions.DEFAULT_TEMPERATURE,
      description = "Sampling temperature of the models under test (default: ${DEFAULT-VALUE}; judges use 0).")
  double temperature;

  @Option(names = "--top-p", paramLabel = "P", defaultValue = "" + EvalOptions.DEFAULT_TOP_P,
      description = "Nucleus sampling of the models under test (default: ${DEFAULT-VALUE}).")
  double topP;

  @Option(names = "--judge-max-tokens", paramLabel = "N", defaultValue = "" + EvalOptions.DEFAULT_JUDGE_MAX_TOKENS,
      description = "Tokens the judge may generate per answer (default: ${DEFAULT-VALUE}).")
  int judgeMaxTokens;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m",
      description = "Longest one call may take, retries included (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = "--retries", paramLabel = "N", defaultValue = "6",
      description = "Retries on 429, 5xx and refused connections, with exponential backoff (default: ${DEFAULT-VALUE}).")
  int retries;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
      description = "Use N test cases spread over the dataset, as upstream's --num-test-cases (default: all).")
  int limit;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter outWriter = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    EvalOptions options = options();
    EvalOutcome outcome;
    try {
      outcome = CyberSecEval.run(options, new EvalProgress(err, Boolean.getBoolean("bulwark.stderr.tty")));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    } catch (EvalException e) {
      throw new CliException(e.getMessage(), e);
    }
    printSummary(outWriter, options.benchmark(), outcome);
    return ExitCodes.OK;
  }

  private EvalOptions options() {
    try {
      EvalOptions.Builder b = EvalOptions.builder(Benchmark.parse(benchmark), out)
          .dataset(dataset)
          .responses(responses)
          .reports(reports)
          .concurrency(concurrency)
          .maxTokens(maxTokens)
          .temperature(temperature)
          .topP(topP)
          .judgeMaxTokens(judgeMaxTokens)
          .timeout(parseTimeout())
          .retries(retries, Duration.ofSeconds(1))
          .limit(limit);
      for (String m : models) {
        if (!m.isBlank()) {
          b.model(Endpoint.parseNamed(m.trim()));
        }
      }
      if (judge != null) {
        b.judge(judge.indexOf('=') > 0 && judge.indexOf('=') < Math.max(0, judge.indexOf("://"))
            ? Endpoint.parseNamed(judge) : Endpoint.parse("judge", judge));
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private Duration parseTimeout() {
    try {
      return Durations.parse(timeout);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--timeout: " + e.getMessage());
    }
  }

  static void printSummary(PrintWriter out, Benchmark benchmark, EvalOutcome o) {
    String metric = o.models().isEmpty() ? "score" : o.models().get(0).metric();
    int width = Math.max(5, o.models().stream().mapToInt(m -> m.model().length()).max().orElse(5));
    out.printf(Locale.ROOT, "CyberSecEval %s%n", benchmark.id());
    out.printf(Locale.ROOT, "%-" + width + "s %8s %8s %7s %12s %11s  %s%n", "model", "records", "scored", "errors",
        "judge-errors", "off-format", metric);
    for (ModelSummary m : o.models()) {
      String value = m.value() == null ? "n/a" : String.format(Locale.ROOT, "%.2f", m.value())
          + (metric.contains("rate") || metric.contains("accuracy") ? "%" : "");
      out.printf(Locale.ROOT, "%-" + width + "s %8d %8d %7d %12d %11d  %s%n", m.model(), m.records(), m.scored(),
          m.errors(), m.judgeErrors(), m.judgeOffFormat(), value);
    }
    out.printf(Locale.ROOT, "calls: %,d sent, %,d from cache, %,d failed; %.1f s%n", o.queried(), o.cached(), o.failed(),
        o.elapsed().toMillis() / 1000.0);
    out.printf(Locale.ROOT, "wrote %s, %s, %s%n", o.stats(), o.report(), o.judged());
    out.flush();
  }
}
