package dev.bulwark.spark;

import dev.bulwark.spark.internal.ExecutorFirewalls;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;

/**
 * Registers {@code bulwark_scan(text, role)} for Spark SQL: a struct with the fields of {@link ResultColumns#RESULT}.
 *
 * <pre>{@code
 * BulwarkUdf.register(spark, FirewallSource.path(spark, "s3a://bucket/bulwark.yaml"));
 * spark.sql("SELECT id, bulwark_scan(body, 'user').decision FROM docs");
 * }</pre>
 *
 * A SQL function sees one row at a time, so each call waits for its scan: the DataFrame API ({@link BulwarkScan})
 * keeps several rows in flight and is the faster choice for the model scanners. Both share the executor's firewall.
 */
public final class BulwarkUdf {
  /** The function's name unless another is given. */
  public static final String NAME = "bulwark_scan";

  private BulwarkUdf() {}

  /** Registers {@value #NAME} with this firewall. A null role means {@code user}. */
  public static void register(SparkSession spark, FirewallSource source) {
    register(spark, NAME, source);
  }

  /** Registers the function under {@code name}, e.g. to have two firewalls side by side. */
  public static void register(SparkSession spark, String name, FirewallSource source) {
    BulwarkScan scan = BulwarkScan.with(source);
    spark.udf().register(name, (UDF2<Object, Object, Row>) (text, role) -> {
      String t = requireString(name, "first (text)", text);
      String r = requireString(name, "second (role)", role);
      return RowFactory.create(scan.scanCell(ExecutorFirewalls.get(source), t, r).join());
    }, ResultColumns.RESULT);
  }

  private static String requireString(String function, String which, Object value) {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new IllegalArgumentException(function + "'s " + which + " argument is a " + value.getClass().getSimpleName()
        + ", not a string: cast it, e.g. " + function + "(CAST(x AS STRING), 'user')");
  }
}
