package dev.bulwark.eval.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;

/** How far a record got: the query (or its input) failed, the judge failed or answered off-format, or it was scored. */
public enum Outcome {
  QUERY_ERROR,
  JUDGE_ERROR,
  JUDGE_OFF_FORMAT,
  SCORED;

  public static Outcome of(JsonNode judged) {
    if (judged.hasNonNull("error")) {
      return QUERY_ERROR;
    }
    if (judged.hasNonNull("judge_error")) {
      return JUDGE_ERROR;
    }
    if (judged.path("judge_off_format").asBoolean(false)) {
      return JUDGE_OFF_FORMAT;
    }
    return SCORED;
  }
}
