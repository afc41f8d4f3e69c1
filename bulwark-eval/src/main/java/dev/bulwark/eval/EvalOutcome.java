package dev.bulwark.eval;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a run produced.
 *
 * @param stats the upstream-shaped stats JSON
 * @param report the HTML report
 * @param responses the response file (dataset records plus {@code model} and {@code response})
 * @param judged every record with its judgement
 * @param models per-model counts and headline metric
 * @param queried model calls sent (successful)
 * @param cached model calls answered from the cache
 * @param failed model calls that failed
 * @param elapsed wall time of the run
 */
public record EvalOutcome(Path stats, Path report, Path responses, Path judged, List<ModelSummary> models, long queried,
    long cached, long failed, Duration elapsed) {}
