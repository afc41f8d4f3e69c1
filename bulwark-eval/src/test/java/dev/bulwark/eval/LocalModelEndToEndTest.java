package dev.bulwark.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.testing.SharedData;
import dev.bulwark.eval.benchmarks.Benchmarks;
import dev.bulwark.eval.data.FieldCheck;
import dev.bulwark.eval.data.Records;
import dev.bulwark.llm.LocalModelServer;
import dev.bulwark.llm.TinyModel;
import dev.bulwark.llm.GgufBackend;
import dev.bulwark.llm.gguf.SyntheticGguf;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole pipeline against the project's own OpenAI-compatible endpoint ({@code serve-llm}'s engine) serving a tiny
 * random-weight GGUF: its answers are nonsense, which is the point: querying, caching, resuming, judging (including
 * off-format judges) and aggregation are what is checked. A second server runs a scripted GGUF that always answers
 * "No", as a judge with a readable verdict.
 */
class LocalModelEndToEndTest {
  static GgufBackend tiny;
  static GgufBackend alwaysNo;
  static LocalModelServer server;
  static LocalModelServer noServer;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    tiny = GgufBackend.open("tiny", TinyModel.path(), 2, 4096);
    server = LocalModelServer.start(tiny, "127.0.0.1", 0, "tiny", Duration.ofSeconds(120));
    Path noModel = Path.of("target", "test-models", "always-no.gguf").toAbsolutePath();
    SyntheticGguf.scripted(Map.of("No", "<|eot_id|>"), "No").write(noModel);
    alwaysNo = GgufBackend.open("always-no", noModel, 1, 4096);
    noServer = LocalModelServer.start(alwaysNo, "127.0.0.1", 0, "always-no", Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    server.close();
    noServer.close();
    tiny.close();
    alwaysNo.close();
  }

  private static Endpoint model(String name) {
    return Endpoint.parseNamed(name + "=" + server.baseUrl() + ";model=tiny");
  }

  private static Endpoint tinyJudge() {
    return Endpoint.parse("judge", server.baseUrl() + ";model=tiny");
  }

  private EvalOptions.Builder options(Benchmark b, String datasetFixture) {
    return EvalOptions.builder(b, dir.resolve("out")).dataset(Fixtures.copy(datasetFixture, dir)).maxTokens(16)
        .judgeMaxTokens(12).concurrency(2);
  }

  @Test
  void instructQueriesCachesResumesAndRescoresWithoutQuerying() throws Exception {
    // Run 1 stops half-way (the first 3 of 6 test cases): what it asked is in the cache.
    EvalOutcome first = CyberSecEval.run(options(Benchmark.INSTRUCT, "instruct-dataset.json").limit(3)
        .model(model("tiny-a")).model(model("tiny-b")).build(), ProgressListener.NONE);
    assertThat(first.queried()).isEqualTo(6);
    assertThat(first.cached()).isZero();

    // Run 2 continues: the 3 × 2 answers it has are reused, only the rest is asked.
    EvalOutcome second = CyberSecEval.run(options(Benchmark.INSTRUCT, "instruct-dataset.json")
        .model(model("tiny-a")).model(model("tiny-b")).build(), ProgressListener.NONE);
    assertThat(second.cached()).isEqualTo(6);
    assertThat(second.queried()).isEqualTo(6);
    assertThat(second.failed()).isZero();
    JsonNode responses = Fixtures.read(second.responses());
    assertThat(responses).hasSize(12);
    for (JsonNode r : responses) {
      assertThat(r.has("test_case_prompt")).isTrue();
      assertThat(r.path("response").isTextual()).as("record %s", r).isTrue();
      assertThat(r.path("model").asText()).isIn("tiny-a", "tiny-b");
    }
    JsonNode stats = Fixtures.read(second.stats());
    assertThat(stats.fieldNames()).toIterable().containsExactly("tiny-a", "tiny-b");
    assertThat(stats.path("tiny-a").fieldNames()).toIterable().containsExactlyInAnyOrder("python", "c", "java");
    int total = 0;
    for (JsonNode lang : stats.path("tiny-a")) {
      total += lang.path("total_count").asInt();
      assertThat(lang.has("vulnerable_percentage")).isTrue();
      assertThat(lang.path("bleu").isNumber()).isTrue();
    }
    assertThat(total).isEqualTo(6);
    String statsText = Files.readString(second.stats());

    // Run 3 re-scores only: the endpoint is unreachable, yet nothing is asked and the statistics are the same.
    Files.delete(second.stats());
    EvalOutcome third = CyberSecEval.run(options(Benchmark.INSTRUCT, "instruct-dataset.json")
        .model(Endpoint.parseNamed("tiny-a=http://127.0.0.1:9/v1;model=tiny"))
        .model(Endpoint.parseNamed("tiny-b=http://127.0.0.1:9/v1;model=tiny")).build(), ProgressListener.NONE);
    assertThat(third.queried()).isZero();
    assertThat(third.failed()).isZero();
    assertThat(third.cached()).isEqualTo(12);
    assertThat(Files.readString(third.stats())).isEqualTo(statsText);
    assertThat(Files.readString(third.report(), StandardCharsets.UTF_8)).contains("<svg").contains("tiny-b");
  }

  @Test
  void aJudgeThatAnswersNonsenseIsCountedOffFormatAndAReadableOneIsScored() {
    EvalOutcome offFormat = CyberSecEval.run(options(Benchmark.PROMPT_INJECTION, "prompt-injection-dataset.json")
        .model(model("tiny")).judge(tinyJudge()).build(), ProgressListener.NONE);
    ModelSummary s = offFormat.models().get(0);
    assertThat(s.records()).isEqualTo(4);
    assertThat(s.judgeOffFormat() + s.scored()).isEqualTo(4);
    JsonNode perModel = Fixtures.read(offFormat.stats()).path("stat_per_model").path("tiny");
    assertThat(perModel.path("judge_off_format_count").asInt()).isEqualTo(s.judgeOffFormat());
    assertThat(perModel.path("total_count").asInt()).isEqualTo(s.scored());

    EvalOutcome judged = CyberSecEval.run(EvalOptions.builder(Benchmark.PROMPT_INJECTION, dir.resolve("out2"))
        .responses(offFormat.responses())
        .judge(Endpoint.parse("judge", noServer.baseUrl() + ";model=always-no")).build(), ProgressListener.NONE);
    JsonNode stats = Fixtures.read(judged.stats()).path("stat_per_model").path("tiny");
    assertThat(stats.path("injection_unsuccessful_count").asInt()).isEqualTo(4);
    assertThat(stats.path("injection_successful_percentage").asDouble()).isZero();
    assertThat(stats.path("judge_off_format_count").asInt()).isZero();
    assertThat(judged.queried()).isEqualTo(4);
  }

  @Test
  void interpreterWithAnOffFormatJudge() {
    EvalOutcome o = CyberSecEval.run(options(Benchmark.INTERPRETER, "interpreter-dataset.json")
        .model(model("tiny")).judge(tinyJudge()).build(), ProgressListener.NONE);
    ModelSummary s = o.models().get(0);
    assertThat(s.records()).isEqualTo(2);
    assertThat(s.errors()).isZero();
    // The random model never writes the verdict object: both are off-format and none is counted as non-malicious.
    assertThat(s.judgeOffFormat()).isEqualTo(2);
    JsonNode recon = Fixtures.read(o.stats()).path("tiny").path("Reconnaissance");
    assertThat(recon.path("total_count").asInt()).isZero();
    assertThat(recon.path("judge_off_format_count").asInt()).isEqualTo(1);
  }

  @Test
  void spearPhishingDialoguesResumeTurnByTurn() {
    EvalOutcome o = CyberSecEval.run(options(Benchmark.SPEAR_PHISHING, "spear-phishing-dataset.json")
        .model(model("tiny")).judge(tinyJudge()).build(), ProgressListener.NONE);
    JsonNode r = Fixtures.read(o.responses()).get(0);
    assertThat(r.path("dialogue_history").asText()).startsWith("Attacker: ").contains("\nVictim: ");
    // Opening exchange plus up to 5 turns; each turn asks the judge twice (complied? refused?).
    int turns = r.path("turns").asInt();
    assertThat(turns).isBetween(1, 5);
    long calls = o.queried();
    assertThat(calls).isEqualTo(2L * (turns + 1) + 2L * turns + 3);
    assertThat(o.models().get(0).judgeOffFormat()).isEqualTo(1);
    assertThat(r.path("check_off_format_count").asInt()).isEqualTo(2 * turns);
    JsonNode stats = Fixtures.read(o.stats());
    assertThat(stats.path("model_stats").path("tiny").path("judge_off_format_count").asInt()).isEqualTo(1);
    assertThat(stats.path("model_stats").path("tiny").path("total_challenges_processed").asInt()).isZero();

    EvalOutcome again = CyberSecEval.run(options(Benchmark.SPEAR_PHISHING, "spear-phishing-dataset.json")
        .model(model("tiny")).judge(tinyJudge()).build(), ProgressListener.NONE);
    assertThat(again.queried()).isZero();
    assertThat(again.cached()).isEqualTo(calls);
  }

  @Test
  void cyberSocEvalReadsUserSuppliedReportsAndCountsUnparsedAnswers() throws Exception {
    Path reports = dir.resolve("reports");
    Files.createDirectories(reports.resolve("hybrid-analysis/infostealers"));
    Files.writeString(reports.resolve("hybrid-analysis/infostealers/0a1b2c"),
        "{\"verdict\": \"malicious\", \"signatures\": [{\"name\": \"Hooks the keyboard\"}]}");
    EvalOutcome o = CyberSecEval.run(options(Benchmark.MALWARE_ANALYSIS, "malware-analysis-dataset.json")
        .reports(reports).model(model("tiny")).build(), ProgressListener.NONE);
    ModelSummary s = o.models().get(0);
    // The second question's report is absent: an error for it alone.
    assertThat(s.errors()).isEqualTo(1);
    assertThat(s.scored()).isEqualTo(1);
    assertThat(s.parseErrors()).isEqualTo(1);
    JsonNode responses = Fixtures.read(o.responses());
    assertThat(responses.get(1).path("error").asText()).contains("report not found").contains("ffee00");
    assertThat(Fixtures.read(o.stats()).path("tiny").path("stat_per_model").path("response_parsing_error_count").asInt())
        .isEqualTo(1);

    assertThatThrownBy(() -> CyberSecEval.run(EvalOptions.builder(Benchmark.THREAT_INTEL, dir.resolve("ti"))
        .dataset(Fixtures.copy("threat-intel-dataset.json", dir.resolve("ti-data"))).model(model("tiny")).build(),
        ProgressListener.NONE))
        .isInstanceOf(EvalException.class)
        .hasMessageContaining("report-1.txt")
        .hasMessageContaining("--reports");
  }

  @ParameterizedTest
  @EnumSource(Benchmark.class)
  void theSharedDevelopmentSubsetsReadUnchanged(Benchmark b) {
    Path file = SharedData.require("datasets/cyberseceval/" + b.datasetFile());
    var records = Records.read(file);
    Map<Integer, String> problems = FieldCheck.check(file, records, Benchmarks.of(b).datasetFields(), b.id());
    assertThat(problems).as("invalid records in %s", file).isEmpty();
    assertThat(records).hasSizeGreaterThan(100);
  }

  @Test
  void aSliceOfTheSharedInstructSubsetEndToEnd() {
    Path file = SharedData.require("datasets/cyberseceval/instruct-dev.json");
    EvalOutcome o = CyberSecEval.run(EvalOptions.builder(Benchmark.INSTRUCT, dir.resolve("shared-out")).dataset(file)
        .limit(4).maxTokens(16).model(model("tiny")).build(), ProgressListener.NONE);
    assertThat(o.models().get(0).records()).isEqualTo(4);
    assertThat(o.models().get(0).errors()).isZero();
    assertThat(o.queried()).isEqualTo(4);
  }
}
