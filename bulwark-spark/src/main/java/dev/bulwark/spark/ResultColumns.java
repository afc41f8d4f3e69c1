package dev.bulwark.spark;

import dev.bulwark.core.Finding;
import dev.bulwark.core.FirewallResult;
import dev.bulwark.core.Status;
import dev.bulwark.core.ResultJson;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The columns a scan adds, in this order (docs/SPARK.md shows the schema): the same fields, values and rounding as a
 * {@code bulwark batch} output line, plus the reason.
 *
 * <pre>
 * decision  string not null   allow | block | human_in_the_loop_required
 * score     double not null   0..1, six decimals
 * status    string not null   success | error | timeout | skipped ...
 * reason    string            why, in a sentence
 * error     string            what failed, when status is error or timeout
 * findings  array&lt;struct&lt;rule, category, line, start, end, severity, message&gt;&gt; not null
 *           (line is 1-based; start and end are char offsets into the original text)
 * </pre>
 */
public final class ResultColumns {
  /** One finding: its rule, category, 1-based line, span {@code [start, end)} in the original text, severity, message. */
  public static final StructType FINDING = new StructType(new StructField[] {
      DataTypes.createStructField("rule", DataTypes.StringType, false),
      DataTypes.createStructField("category", DataTypes.StringType, true),
      DataTypes.createStructField("line", DataTypes.IntegerType, true),
      DataTypes.createStructField("start", DataTypes.IntegerType, true),
      DataTypes.createStructField("end", DataTypes.IntegerType, true),
      DataTypes.createStructField("severity", DataTypes.StringType, true),
      DataTypes.createStructField("message", DataTypes.StringType, false)});

  /** The result as one struct: what the {@code bulwark_scan} SQL function returns. */
  public static final StructType RESULT = new StructType(new StructField[] {
      DataTypes.createStructField("decision", DataTypes.StringType, false),
      DataTypes.createStructField("score", DataTypes.DoubleType, false),
      DataTypes.createStructField("status", DataTypes.StringType, false),
      DataTypes.createStructField("reason", DataTypes.StringType, true),
      DataTypes.createStructField("error", DataTypes.StringType, true),
      DataTypes.createStructField("findings", DataTypes.createArrayType(FINDING, false), false)});

  /** How many columns a scan adds. */
  public static final int COUNT = RESULT.fields().length;

  private ResultColumns() {}

  /** The added columns' values for a firewall result, in {@link #RESULT}'s order. */
  static Object[] values(FirewallResult result) {
    List<Row> findings = new ArrayList<>(result.findings().size());
    for (Finding f : result.findings()) {
      findings.add(RowFactory.create(f.rule(), f.category(), f.line(), f.start(), f.end(),
          f.severity() == null ? null : f.severity().id(), f.message()));
    }
    String error = result.status().isFailure() ? result.error() : null;
    return new Object[] {result.decision().id(), ResultJson.round(result.score()), result.status().id(),
        result.reason(), error, asArray(findings)};
  }

  /** The values for a row that could not be scanned at all: as a batch error line, allow with status error. */
  static Object[] error(String message) {
    return new Object[] {"allow", 0.0, Status.ERROR.id(), message, message, asArray(List.of())};
  }

  /** Spark's row serializer takes an array column as a Scala sequence only (a java.util.List fails the cast). */
  private static scala.collection.Seq<Row> asArray(List<Row> rows) {
    return CollectionConverters.asScala(rows);
  }
}
