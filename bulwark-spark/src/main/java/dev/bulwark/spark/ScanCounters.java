package dev.bulwark.spark;

import dev.bulwark.core.Decision;
import dev.bulwark.core.Status;
import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * Named accumulators for a scan's progress, visible in Spark's UI while it runs: rows, each decision, and errors.
 * Spark may count a retried task's rows twice in accumulators updated inside transformations, so these are
 * progress, and {@code ScanJob}'s summary says so when they disagree with the output.
 */
public final class ScanCounters implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LongAccumulator rows;
  private final LongAccumulator allow;
  private final LongAccumulator block;
  private final LongAccumulator review;
  private final LongAccumulator errors;

  private ScanCounters(SparkContext spark) {
    rows = spark.longAccumulator("bulwark rows");
    allow = spark.longAccumulator("bulwark allow");
    block = spark.longAccumulator("bulwark block");
    review = spark.longAccumulator("bulwark human review");
    errors = spark.longAccumulator("bulwark errors");
  }

  /** Registers a fresh set of accumulators with this Spark context. */
  public static ScanCounters register(SparkContext spark) {
    return new ScanCounters(spark);
  }

  void record(Object[] resultValues) {
    record((String) resultValues[0], isError((String) resultValues[2]));
  }

  /** Counts one row: its decision id ({@code allow}, {@code block}...) or null, and whether it is an error. */
  void record(String decision, boolean error) {
    rows.add(1);
    if (error) {
      errors.add(1);
    }
    if (Decision.ALLOW.id().equals(decision)) {
      allow.add(1);
    } else if (Decision.BLOCK.id().equals(decision)) {
      block.add(1);
    } else if (Decision.HUMAN_IN_THE_LOOP_REQUIRED.id().equals(decision)) {
      review.add(1);
    }
  }

  private static boolean isError(String status) {
    return Status.ERROR.id().equals(status) || Status.TIMEOUT.id().equals(status);
  }

  public long rows() {
    return rows.value();
  }

  public long allow() {
    return allow.value();
  }

  public long block() {
    return block.value();
  }

  public long review() {
    return review.value();
  }

  public long errors() {
    return errors.value();
  }
}
