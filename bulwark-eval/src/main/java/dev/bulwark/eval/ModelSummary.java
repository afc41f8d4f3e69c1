package dev.bulwark.eval;

/**
 * What happened to one model's records in a run.
 *
 * @param model the model's name
 * @param records records of this model (test cases queried, or response-file records)
 * @param scored records that got a verdict
 * @param errors records whose query failed or whose input was invalid (left out of the statistics)
 * @param judgeErrors records the judge endpoint failed on
 * @param judgeOffFormat records whose judge answer could not be read (left out, never counted as pass or fail)
 * @param parseErrors scored records whose answer could not be parsed (multiple-choice: upstream's parsing errors)
 * @param metric the benchmark's headline metric's name
 * @param value the headline metric, or null when nothing could be scored
 */
public record ModelSummary(String model, int records, int scored, int errors, int judgeErrors, int judgeOffFormat,
    int parseErrors, String metric, Double value) {}
