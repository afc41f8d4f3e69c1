package dev.bulwark.codeshield;

import java.util.List;
import java.util.Map;

/**
 * Scores of Code Shield on labelled data.
 *
 * @param overall every record
 * @param byLanguage per record language
 * @param byCwe per labelled CWE (finding recall; snippet counts are per record that carries the CWE)
 * @param misses ids of positive snippet records with no issue, and of negatives that were flagged
 * @param records how many records were scored
 * @param skipped records that could not be read, with the reason
 */
public record EvaluationReport(
    Tally overall,
    Map<String, Tally> byLanguage,
    Map<String, Tally> byCwe,
    List<String> misses,
    int records,
    List<String> skipped) {}
