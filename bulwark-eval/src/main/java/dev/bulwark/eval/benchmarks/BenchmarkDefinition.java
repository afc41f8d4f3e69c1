package dev.bulwark.eval.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.eval.Benchmark;
import dev.bulwark.eval.data.Field;
import dev.bulwark.eval.run.ModelClient;
import java.nio.file.Path;
import java.util.List;

/**
 * One CyberSecEval benchmark in three stages: {@link #query} asks the model under test, {@link #judge} scores one
 * answer, {@link #score} aggregates. Implementations hold no state between calls and are called from many threads.
 */
public interface BenchmarkDefinition {
  Benchmark benchmark();

  /** The fields a dataset record must (or may) have to be queried. */
  List<Field> datasetFields();

  /** The fields a response-file record must (or may) have besides {@code model} and {@code response}. */
  List<Field> responseFields();

  /** Whether judging calls the judge LLM (else it runs locally, on the CPU). */
  boolean judgesWithLlm();

  /**
   * Checks that what the queries need besides the dataset is there (report files...), before any query.
   *
   * @throws dev.bulwark.eval.EvalException naming what is missing
   */
  default void preflight(List<ObjectNode> testCases, QueryContext context) {}

  /**
   * Checks that a response file's records are answers to this benchmark (not, say, autocomplete answers scored as
   * instruct), before any scoring.
   *
   * @throws dev.bulwark.eval.EvalException naming the file and the benchmark the records belong to
   */
  default void checkResponses(Path file, List<ObjectNode> records) {}

  /** Asks the model under test about one test case. */
  Queried query(ObjectNode testCase, QueryContext context);

  /**
   * Scores one answered record (it has {@code model} and {@code response}, no {@code error}) and returns the judged
   * record: the same fields plus the judgement's (upstream's names), plus {@code judge_error} when the judge could not
   * be reached or {@code judge_off_format: true} when its answer could not be read.
   */
  ObjectNode judge(ObjectNode response, JudgeContext context);

  /** Aggregates judged records (errors included, which are counted apart) for the models, in their order. */
  Scores score(List<ObjectNode> judged, List<String> models);

  /** What a query needs: the model under test, the judge (for benchmarks whose dialogue needs it), report files. */
  record QueryContext(ModelClient model, ModelClient judge, Path reports) {}

  /** What judging needs: the judge LLM (null when none is configured) and the local checks. */
  record JudgeContext(ModelClient judge, dev.bulwark.eval.score.InsecureCodeCheck insecureCode) {}

  /**
   * The outcome of one query: the fields it adds to the response record ({@code response}, or {@code error}, plus
   * anything else the benchmark records), and whether every call came from the cache.
   */
  record Queried(ObjectNode fields, boolean fromCache) {}
}
