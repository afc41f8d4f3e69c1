package dev.bulwark.eval.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.eval.Benchmark;
import dev.bulwark.eval.Endpoint;
import dev.bulwark.eval.EvalException;
import dev.bulwark.eval.EvalOptions;
import dev.bulwark.eval.EvalOutcome;
import dev.bulwark.eval.ModelSummary;
import dev.bulwark.eval.ProgressListener;
import dev.bulwark.eval.benchmarks.BenchmarkDefinition;
import dev.bulwark.eval.benchmarks.Benchmarks;
import dev.bulwark.eval.benchmarks.Outcome;
import dev.bulwark.eval.benchmarks.Scores;
import dev.bulwark.eval.data.Field;
import dev.bulwark.eval.data.FieldCheck;
import dev.bulwark.eval.data.Records;
import dev.bulwark.eval.report.HtmlReport;
import dev.bulwark.eval.score.InsecureCodeCheck;
import dev.bulwark.llm.LlmBackend;
import dev.bulwark.llm.OpenAiBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * One run of a benchmark in three stages, as upstream: query the models under test (skipped with a response file),
 * judge every answer, aggregate. Every model and judge call goes through a per-endpoint {@link ResponseCache} under
 * {@code OUT/cache/}, so an interrupted run continues and a rerun re-scores without querying again.
 *
 * <p>Files written to {@code OUT}: {@code responses.json} (the response file: dataset records plus {@code model} and
 * {@code response}, or {@code error}), {@code judged.json}, {@code stats.json} (upstream's shape), {@code report.html},
 * {@code run.json} (what was run, with the counts).
 */
public final class EvalRun {
  public static final String QUERY = "query";
  public static final String JUDGE = "judge";
  private static final String CPU_LANE = "cpu";
  /** The marker upstream writes as the response when a query failed. */
  static final String UPSTREAM_FAILURE = "FAIL TO QUERY";

  private final EvalOptions options;
  private final ProgressListener progress;
  private final BenchmarkDefinition definition;
  private final Benchmark benchmark;
  private final Path out;
  private final Map<String, Semaphore> permits = new LinkedHashMap<>();
  private final Map<String, ResponseCache> caches = new LinkedHashMap<>();
  private final List<ModelClient> clients = new ArrayList<>();

  private EvalRun(EvalOptions options, ProgressListener progress) {
    this.options = options;
    this.progress = progress;
    this.benchmark = options.benchmark();
    this.definition = Benchmarks.of(benchmark);
    this.out = options.out();
  }

  /**
   * Runs the benchmark.
   *
   * @throws IllegalArgumentException when the options contradict each other (a usage mistake)
   * @throws EvalException when an input file, a field, an API key or a report is missing or unreadable
   */
  public static EvalOutcome run(EvalOptions options, ProgressListener progress) {
    return new EvalRun(options, progress).run();
  }

  private EvalOutcome run() {
    long start = System.nanoTime();
    checkOptions();
    prepareOut();
    try (Lanes lanes = new Lanes()) {
      lanes.add(CPU_LANE, Math.max(1, Runtime.getRuntime().availableProcessors()));
      ModelClient judge = options.judge() == null ? null : client(options.judge(), judgeGeneration(), lanes);
      List<String> models;
      List<ObjectNode> responses;
      String source;
      if (options.responses() != null) {
        source = options.responses().toString();
        responses = readResponses(options.responses());
        Set<String> names = new LinkedHashSet<>();
        responses.forEach(r -> names.add(modelOf(r)));
        models = new ArrayList<>(names);
      } else {
        source = options.dataset().toString();
        List<ModelClient> underTest = new ArrayList<>();
        for (Endpoint e : options.models()) {
          underTest.add(client(e, modelGeneration(), lanes));
        }
        models = options.models().stream().map(Endpoint::name).toList();
        responses = query(underTest, judge, lanes);
        JsonFiles.write(out.resolve("responses.json"), array(responses));
      }
      List<ObjectNode> judged = judge(responses, judge, lanes);
      JsonFiles.write(out.resolve("judged.json"), array(judged));
      Scores scores = definition.score(judged, models);
      JsonFiles.write(out.resolve("stats.json"), scores.stats());
      List<ModelSummary> summaries = summaries(judged, models, scores);
      HtmlReport.Input report = new HtmlReport.Input(benchmark, source,
          options.judge() == null ? null : options.judge().describe(), Instant.now(), models, scores, summaries,
          errorSamples(judged, models));
      JsonFiles.writeText(out.resolve("report.html"), HtmlReport.render(report));
      long queried = clients.stream().mapToLong(ModelClient::queried).sum();
      long cached = clients.stream().mapToLong(ModelClient::cached).sum();
      long failed = clients.stream().mapToLong(ModelClient::failed).sum();
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      writeManifest(source, summaries, queried, cached, failed, elapsed);
      return new EvalOutcome(out.resolve("stats.json"), out.resolve("report.html"),
          options.responses() != null ? options.responses() : out.resolve("responses.json"), out.resolve("judged.json"),
          summaries, queried, cached, failed, elapsed);
    } finally {
      caches.values().forEach(ResponseCache::close);
    }
  }

  private void checkOptions() {
    if ((options.dataset() == null) == (options.responses() == null)) {
      throw new IllegalArgumentException("give either --dataset (to query models) or --responses (to score answers"
          + " produced elsewhere), not " + (options.dataset() == null ? "neither" : "both"));
    }
    if (options.dataset() != null && options.models().isEmpty()) {
      throw new IllegalArgumentException("--dataset needs at least one --model NAME=URL to query (or score a"
          + " response file with --responses)");
    }
    if (options.responses() != null && !options.models().isEmpty()) {
      throw new IllegalArgumentException("--model is not used with --responses: the response file names the model of"
          + " each answer");
    }
    if (benchmark.needsJudge() && options.judge() == null) {
      throw new IllegalArgumentException(benchmark.id() + " needs an LLM judge: add --judge URL[;model=ID]");
    }
    Set<String> names = new LinkedHashSet<>();
    for (Endpoint e : options.models()) {
      if (!names.add(e.name())) {
        throw new IllegalArgumentException("two models are named '" + e.name() + "'; give each --model its own name");
      }
    }
    for (Endpoint e : allEndpoints()) {
      if (e.apiKeyEnv() != null) {
        String key = options.environment().get(e.apiKeyEnv());
        if (key == null || key.isBlank()) {
          throw new EvalException("the environment variable " + e.apiKeyEnv() + " (api-key-env of " + e.name()
              + ") is not set; export " + e.apiKeyEnv() + "=<API key>");
        }
      }
    }
  }

  private List<Endpoint> allEndpoints() {
    List<Endpoint> all = new ArrayList<>(options.models());
    if (options.judge() != null) {
      all.add(options.judge());
    }
    return all;
  }

  private void prepareOut() {
    try {
      Files.createDirectories(out.resolve("cache"));
    } catch (IOException e) {
      throw new EvalException("cannot create the output directory " + out + ": " + e.getMessage(), e);
    }
    Path manifest = out.resolve("run.json");
    if (Files.exists(manifest)) {
      try {
        JsonNode m = JsonFiles.JSON.readTree(manifest.toFile());
        String previous = m.path("benchmark").asText("");
        if (!previous.isEmpty() && !previous.equals(benchmark.id())) {
          throw new EvalException(out + " holds the results of a " + previous + " run; use another --out for "
              + benchmark.id() + " (the response cache could be shared, the result files would be overwritten)");
        }
      } catch (IOException e) {
        // an unreadable manifest is rewritten at the end of this run
      }
    }
  }

  private Generation modelGeneration() {
    return new Generation(options.maxTokens(), options.temperature(), options.topP(), options.timeout(),
        options.maxRetries());
  }

  private Generation judgeGeneration() {
    return new Generation(options.judgeMaxTokens(), 0.0, 1.0, options.timeout(), options.maxRetries());
  }

  private ModelClient client(Endpoint e, Generation gen, Lanes lanes) {
    int bound = e.concurrency() > 0 ? e.concurrency() : options.concurrency();
    Semaphore s = permits.get(e.limitKey());
    if (s == null) {
      s = new Semaphore(bound, true);
      permits.put(e.limitKey(), s);
      lanes.add(e.limitKey(), bound);
    }
    String apiKey = e.apiKeyEnv() == null ? null : options.environment().get(e.apiKeyEnv());
    OpenAiBackend.Settings settings = new OpenAiBackend.Settings(e.name(), e.baseUrl(), e.model(), apiKey,
        Duration.ofSeconds(10), gen.maxRetries(), options.retryBackoff(), false, false, false);
    LlmBackend backend = new OpenAiBackend(settings);
    ResponseCache cache = caches.computeIfAbsent(e.name(), n -> ResponseCache.open(out.resolve("cache")
        .resolve(cacheFileName(n))));
    ModelClient c = new ModelClient(e, backend, s, cache, gen);
    clients.add(c);
    return c;
  }

  /** A file name for an endpoint's cache: the name's safe characters plus a short hash, so two names never share one. */
  static String cacheFileName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.length() > 60) {
      safe = safe.substring(0, 60);
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return safe + "-" + HexFormat.of().formatHex(h, 0, 4) + ".jsonl";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------- stage 1: query

  private List<ObjectNode> query(List<ModelClient> underTest, ModelClient judge, Lanes lanes) {
    Path dataset = options.dataset();
    List<Records.Record> records = limit(Records.read(dataset), options.limit());
    Map<Integer, String> problems = FieldCheck.check(dataset, records, definition.datasetFields(),
        benchmark.id() + " test cases");
    Path reports = options.reports() != null ? options.reports()
        : dataset.toAbsolutePath().getParent();
    List<ObjectNode> valid = records.stream().filter(r -> !problems.containsKey(r.index())).map(Records.Record::fields)
        .toList();
    if (!underTest.isEmpty()) {
      definition.preflight(valid, new BenchmarkDefinition.QueryContext(underTest.get(0), judge, reports));
    }
    List<Lanes.Task<ObjectNode>> tasks = new ArrayList<>();
    for (ModelClient model : underTest) {
      BenchmarkDefinition.QueryContext context = new BenchmarkDefinition.QueryContext(model, judge, reports);
      for (Records.Record r : records) {
        String problem = problems.get(r.index());
        tasks.add(new Lanes.Task<>(problem != null ? CPU_LANE : model.endpoint().limitKey(), () -> {
          ObjectNode node = r.fields().deepCopy();
          node.put("model", model.name());
          if (problem != null) {
            node.putNull("response");
            node.put("error", "invalid test case: " + problem);
            progress.itemDone(QUERY, true, true);
            return node;
          }
          BenchmarkDefinition.Queried q = definition.query(r.fields(), context);
          node.setAll(q.fields());
          progress.itemDone(QUERY, node.hasNonNull("error"), q.fromCache());
          return node;
        }));
      }
    }
    progress.stageStarted(QUERY, tasks.size());
    List<ObjectNode> result = lanes.run(tasks, r -> {});
    progress.stageFinished(QUERY);
    return result;
  }

  /** Upstream's selection of {@code n} test cases: every (size / n)-th record, the first n of those. */
  static List<Records.Record> limit(List<Records.Record> records, int n) {
    if (n <= 0 || records.size() <= n) {
      return records;
    }
    int step = records.size() / n;
    List<Records.Record> out = new ArrayList<>(n);
    for (int i = 0; i < records.size() && out.size() < n; i += step) {
      out.add(records.get(i));
    }
    return out;
  }

  private List<ObjectNode> readResponses(Path file) {
    List<Records.Record> records = Records.read(file);
    for (Records.Record r : records) {
      // Upstream's multi-turn phishing response file carries the dialogue as dialogue_history.
      if (benchmark == Benchmark.SPEAR_PHISHING && !r.fields().has("response") && r.fields().has("dialogue_history")) {
        r.fields().set("response", r.fields().get("dialogue_history"));
      }
    }
    List<Field> fields = new ArrayList<>();
    fields.add(Field.text("model"));
    fields.add(Field.text("response"));
    fields.addAll(definition.responseFields());
    List<Records.Record> answered = records.stream().filter(r -> !r.fields().hasNonNull("error")).toList();
    Map<Integer, String> problems = FieldCheck.check(file, answered.isEmpty() ? records : answered, fields,
        benchmark.id() + " response records");
    List<ObjectNode> out = new ArrayList<>(records.size());
    for (Records.Record r : records) {
      ObjectNode node = r.fields().deepCopy();
      if (node.hasNonNull("error")) {
        // a failure recorded by whoever produced the file: kept as it is
      } else if (problems.containsKey(r.index())) {
        node.put("error", "invalid response record: " + problems.get(r.index()));
      } else if (UPSTREAM_FAILURE.equals(Field.text(node, "response"))) {
        node.put("error", "the query failed when the response file was made (response is '" + UPSTREAM_FAILURE + "')");
      }
      out.add(node);
    }
    definition.checkResponses(file, out);
    return out;
  }

  private static String modelOf(ObjectNode record) {
    String m = Field.text(record, "model");
    return m == null ? "(no model)" : m;
  }

  // ---------------------------------------------------------------------------------------------- stage 2: judge

  private List<ObjectNode> judge(List<ObjectNode> responses, ModelClient judge, Lanes lanes) {
    InsecureCodeCheck icd = benchmark == Benchmark.INSTRUCT || benchmark == Benchmark.AUTOCOMPLETE
        ? InsecureCodeCheck.forScoring() : null;
    BenchmarkDefinition.JudgeContext context = new BenchmarkDefinition.JudgeContext(judge, icd);
    String lane = definition.judgesWithLlm() ? options.judge().limitKey() : CPU_LANE;
    List<Lanes.Task<ObjectNode>> tasks = new ArrayList<>();
    int toJudge = 0;
    for (ObjectNode r : responses) {
      if (r.hasNonNull("error")) {
        tasks.add(new Lanes.Task<>(CPU_LANE, () -> {
          ObjectNode copy = r.deepCopy();
          if (!copy.has("model")) {
            copy.put("model", modelOf(r));
          }
          return copy;
        }));
        continue;
      }
      toJudge++;
      tasks.add(new Lanes.Task<>(lane, () -> {
        ObjectNode j;
        try {
          j = definition.judge(r, context);
        } catch (RuntimeException e) {
          // A record the judge code cannot handle must not stop the run: it is reported like any other error.
          j = r.deepCopy();
          j.put("judge_error", "cannot judge this record: " + e);
        }
        progress.itemDone(JUDGE, Outcome.of(j) == Outcome.JUDGE_ERROR, false);
        return j;
      }));
    }
    progress.stageStarted(JUDGE, toJudge);
    List<ObjectNode> result = lanes.run(tasks, r -> {});
    progress.stageFinished(JUDGE);
    return result;
  }

  // ---------------------------------------------------------------------------------------------- stage 3: aggregate

  private static List<ModelSummary> summaries(List<ObjectNode> judged, List<String> models, Scores scores) {
    List<ModelSummary> out = new ArrayList<>();
    for (String m : models) {
      int records = 0;
      int scored = 0;
      int errors = 0;
      int judgeErrors = 0;
      int offFormat = 0;
      int parseErrors = 0;
      for (ObjectNode j : judged) {
        if (!m.equals(modelOf(j))) {
          continue;
        }
        records++;
        switch (Outcome.of(j)) {
          case QUERY_ERROR -> errors++;
          case JUDGE_ERROR -> judgeErrors++;
          case JUDGE_OFF_FORMAT -> offFormat++;
          case SCORED -> {
            scored++;
            if ("parsing error".equals(Field.text(j, "answered_correctly"))) {
              parseErrors++;
            }
          }
        }
      }
      out.add(new ModelSummary(m, records, scored, errors, judgeErrors, offFormat, parseErrors,
          scores.headline().name(), scores.headline().perModel().get(m)));
    }
    return out;
  }

  private static Map<String, List<String>> errorSamples(List<ObjectNode> judged, List<String> models) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String m : models) {
      Map<String, Integer> distinct = new LinkedHashMap<>();
      for (ObjectNode j : judged) {
        if (!m.equals(modelOf(j))) {
          continue;
        }
        String e = j.hasNonNull("error") ? Field.text(j, "error")
            : j.hasNonNull("judge_error") ? "judge: " + Field.text(j, "judge_error") : null;
        if (e != null) {
          distinct.merge(e, 1, Integer::sum);
        }
      }
      List<String> samples = new ArrayList<>();
      distinct.entrySet().stream().limit(8).forEach(e -> samples.add((e.getValue() > 1 ? e.getValue() + "× " : "")
          + e.getKey()));
      if (distinct.size() > 8) {
        samples.add("… and " + (distinct.size() - 8) + " other messages (see judged.json)");
      }
      out.put(m, samples);
    }
    return out;
  }

  private void writeManifest(String source, List<ModelSummary> summaries, long queried, long cached, long failed,
      Duration elapsed) {
    ObjectNode m = JsonFiles.JSON.createObjectNode();
    m.put("benchmark", benchmark.id());
    m.put(options.responses() != null ? "responses" : "dataset", source);
    ArrayNode models = m.putArray("models");
    options.models().forEach(e -> models.add(e.describe()));
    if (options.judge() != null) {
      m.put("judge", options.judge().describe());
    }
    ObjectNode calls = m.putObject("calls");
    calls.put("queried", queried);
    calls.put("cached", cached);
    calls.put("failed", failed);
    m.put("elapsed_seconds", elapsed.toMillis() / 1000.0);
    m.set("summary", JsonFiles.JSON.valueToTree(summaries));
    JsonFiles.write(out.resolve("run.json"), m);
  }

  private static ArrayNode array(List<ObjectNode> nodes) {
    ArrayNode a = JsonFiles.JSON.createArrayNode();
    nodes.forEach(a::add);
    return a;
  }
}
