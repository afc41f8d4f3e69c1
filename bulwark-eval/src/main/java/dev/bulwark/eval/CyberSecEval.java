package dev.bulwark.eval;

import dev.bulwark.eval.run.EvalRun;

/**
 * Meta's CyberSecEval benchmarks against any OpenAI-compatible endpoint, with Bulwark's Code Shield as the
 * insecure-code detector. See docs/CYBERSECEVAL.md.
 *
 * <pre>{@code
 * EvalOutcome o = CyberSecEval.run(EvalOptions.builder(Benchmark.INSTRUCT, Path.of("out"))
 *     .dataset(Path.of("instruct.json"))
 *     .model(Endpoint.parseNamed("llama=http://127.0.0.1:8081/v1"))
 *     .build(), ProgressListener.NONE);
 * }</pre>
 */
public final class CyberSecEval {
  private CyberSecEval() {}

  /**
   * Queries (unless a response file is given), judges and aggregates; writes the results to the output directory.
   *
   * @throws IllegalArgumentException when the options contradict each other
   * @throws EvalException when an input is missing or malformed (the message names the file and field)
   */
  public static EvalOutcome run(EvalOptions options, ProgressListener progress) {
    return EvalRun.run(options, progress);
  }
}
