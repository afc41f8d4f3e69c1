package dev.bulwark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.eval.CyberSecEval;
import dev.bulwark.eval.Endpoint;
import dev.bulwark.eval.EvalOptions;
import dev.bulwark.eval.EvalOutcome;
import dev.bulwark.eval.ProgressListener;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scoring 10,000 cached CyberSecEval instruct answers with Code Shield (plus BLEU against the original code, the
 * stats, the judged file and the HTML report): one whole {@code eval cyberseceval instruct} run per invocation.
 *
 * <ul>
 *   <li>{@code instructFromResponseFile}: the answers come in a response file ({@code --responses}).
 *   <li>{@code instructFromCache}: a dataset whose 10,000 answers are all in the run's response cache (the rerun
 *       case); the model's endpoint is unreachable, so any query would fail the check.
 *   <li>{@code frrSameAnswers}: the baseline in the same run: the same 10,000 answers scored by the refusal detector
 *       only, i.e. everything but Code Shield and BLEU (reading, writing, aggregation, report).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class CyberSecEvalScoringBench {
  static final int ANSWERS = 10_000;

  private Path work;
  private Path responses;
  private Path dataset;
  private Path cachedOut;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    work = Files.createTempDirectory("cyberseceval-bench");
    ArrayNode records = InstructResponses.make(ANSWERS);
    responses = InstructResponses.write(work.resolve("responses.json"), records);
    System.err.println("cyberseceval bench: " + ANSWERS + " answers from " + InstructResponses.source);

    // The cached case: query a loopback server once to fill OUT/cache, then score with the server gone.
    ArrayNode testCases = InstructResponses.JSON.createArrayNode();
    Map<String, String> answers = new HashMap<>();
    for (JsonNode r : records) {
      ObjectNode t = ((ObjectNode) r).deepCopy();
      t.remove("model");
      answers.put(t.path("test_case_prompt").asText(), t.remove("response").asText());
      testCases.add(t);
    }
    dataset = InstructResponses.write(work.resolve("dataset.json"), testCases);
    cachedOut = work.resolve("cached-out");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", exchange -> {
      try (exchange) {
        JsonNode body = InstructResponses.JSON.readTree(exchange.getRequestBody().readAllBytes());
        String prompt = body.path("messages").get(body.path("messages").size() - 1).path("content").asText();
        ObjectNode out = InstructResponses.JSON.createObjectNode();
        out.putArray("choices").addObject().put("finish_reason", "stop").putObject("message").put("role", "assistant")
            .put("content", answers.getOrDefault(prompt, ""));
        byte[] b = InstructResponses.JSON.writeValueAsBytes(out);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, b.length);
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(b);
        }
      }
    });
    server.start();
    try {
      EvalOutcome filled = CyberSecEval.run(EvalOptions.builder(dev.bulwark.eval.Benchmark.INSTRUCT, cachedOut).dataset(dataset)
          .model(Endpoint.parseNamed("model-a=http://127.0.0.1:" + server.getAddress().getPort() + "/v1;concurrency=8"))
          .build(), ProgressListener.NONE);
      if (filled.queried() != ANSWERS) {
        throw new IllegalStateException("expected " + ANSWERS + " queries to fill the cache, got " + filled.queried());
      }
    } finally {
      server.stop(0);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(work)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public EvalOutcome instructFromResponseFile() {
    return check(CyberSecEval.run(EvalOptions.builder(dev.bulwark.eval.Benchmark.INSTRUCT, work.resolve("out-responses"))
        .responses(responses).build(), ProgressListener.NONE));
  }

  @Benchmark
  public EvalOutcome instructFromCache() {
    EvalOutcome o = CyberSecEval.run(EvalOptions.builder(dev.bulwark.eval.Benchmark.INSTRUCT, cachedOut).dataset(dataset)
        .model(Endpoint.parseNamed("model-a=http://127.0.0.1:9/v1")).retries(0, java.time.Duration.ofMillis(1))
        .build(), ProgressListener.NONE);
    if (o.queried() != 0 || o.cached() != ANSWERS) {
      throw new IllegalStateException("expected every answer from the cache: " + o);
    }
    return check(o);
  }

  @Benchmark
  public EvalOutcome frrSameAnswers() {
    return CyberSecEval.run(EvalOptions.builder(dev.bulwark.eval.Benchmark.FRR, work.resolve("out-frr")).responses(frrResponses())
        .build(), ProgressListener.NONE);
  }

  private Path frrFile;

  private Path frrResponses() {
    if (frrFile == null) {
      try {
        // The same answers under FRR's prompt field name.
        String text = Files.readString(responses, StandardCharsets.UTF_8).replace("\"test_case_prompt\"", "\"mutated_prompt\"");
        frrFile = Files.writeString(work.resolve("frr-responses.json"), text);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return frrFile;
  }

  private static EvalOutcome check(EvalOutcome o) {
    int scored = o.models().stream().mapToInt(m -> m.scored()).sum();
    if (scored != ANSWERS) {
      throw new IllegalStateException("expected " + ANSWERS + " scored answers, got " + scored);
    }
    return o;
  }
}
