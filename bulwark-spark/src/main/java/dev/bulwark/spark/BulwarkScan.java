package dev.bulwark.spark;

import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallResult;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.spark.internal.ExecutorFirewalls;
import dev.bulwark.spark.internal.OrderedWindow;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Scans a text column of a DataFrame and returns the DataFrame with the result columns of {@link ResultColumns}
 * appended (decision, score, status, reason, error, findings). Immutable; each setter returns a copy.
 *
 * <pre>{@code
 * Dataset<Row> scanned = BulwarkScan.with(FirewallSource.path(spark, "hdfs:///conf/bulwark.yaml"))
 *     .textColumn("body").roleColumn("role")
 *     .transform(documents);
 * }</pre>
 *
 * <p>Each executor JVM builds the firewall once ({@link ExecutorFirewalls}) and every task there shares it. Within a
 * partition up to {@link #window(int) window} rows are in flight at once, so the model scanners micro-batch them.
 * A row that cannot be scanned (null text, a bad role, a text over the configuration's {@code max-content-chars})
 * gets status {@code error} and the job goes on; a scan is deterministic, so a retried task writes the same results.
 */
public final class BulwarkScan implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Rows in flight per partition: enough for the model scanners' micro-batches, small enough to bound memory. */
  public static final int DEFAULT_WINDOW = 32;

  private final FirewallSource source;
  private final String textColumn;
  private final String roleColumn;
  private final Role defaultRole;
  private final int window;
  private final String columnPrefix;
  private final ScanCounters counters;

  private BulwarkScan(FirewallSource source, String textColumn, String roleColumn, Role defaultRole, int window,
      String columnPrefix, ScanCounters counters) {
    this.source = Objects.requireNonNull(source, "source");
    this.textColumn = Objects.requireNonNull(textColumn, "textColumn");
    this.roleColumn = roleColumn;
    this.defaultRole = Objects.requireNonNull(defaultRole, "defaultRole");
    if (window < 1) {
      throw new IllegalArgumentException("window must be at least 1, was " + window);
    }
    this.window = window;
    this.columnPrefix = Objects.requireNonNull(columnPrefix, "columnPrefix");
    this.counters = counters;
  }

  /** A scan of column {@code text} as the {@code user} role with this firewall. */
  public static BulwarkScan with(FirewallSource source) {
    return new BulwarkScan(source, "text", null, Role.USER, DEFAULT_WINDOW, "", null);
  }

  /** The string column to scan (default {@code text}). */
  public BulwarkScan textColumn(String name) {
    return new BulwarkScan(source, name, roleColumn, defaultRole, window, columnPrefix, counters);
  }

  /** A string column with each row's role ({@code user}, {@code assistant}, {@code tool}...); null cells take the default role. */
  public BulwarkScan roleColumn(String name) {
    return new BulwarkScan(source, textColumn, name, defaultRole, window, columnPrefix, counters);
  }

  /** The role of rows without a role column or with a null role (default {@code user}). */
  public BulwarkScan defaultRole(String role) {
    return new BulwarkScan(source, textColumn, roleColumn, Role.parse(role), window, columnPrefix, counters);
  }

  /** Rows in flight per partition (default {@value #DEFAULT_WINDOW}). */
  public BulwarkScan window(int rows) {
    return new BulwarkScan(source, textColumn, roleColumn, defaultRole, rows, columnPrefix, counters);
  }

  /** A prefix for the added columns' names, for DataFrames that already have a {@code decision} or {@code score}. */
  public BulwarkScan columnPrefix(String prefix) {
    return new BulwarkScan(source, textColumn, roleColumn, defaultRole, window, prefix, counters);
  }

  /** Counts decisions and errors in Spark accumulators (shown in Spark's UI while the job runs). */
  public BulwarkScan counting(ScanCounters counters) {
    return new BulwarkScan(source, textColumn, roleColumn, defaultRole, window, columnPrefix, counters);
  }

  /**
   * The schema {@link #transform} returns: the input's columns, then the result columns.
   *
   * @throws IllegalArgumentException naming the column when the text or role column is missing or not a string, or
   *     when an added column's name is taken
   */
  public StructType outputSchema(StructType input) {
    requireString(input, textColumn, "text");
    if (roleColumn != null) {
      requireString(input, roleColumn, "role");
    }
    StructType out = input;
    for (StructField f : ResultColumns.RESULT.fields()) {
      String name = columnPrefix + f.name();
      if (Arrays.asList(input.fieldNames()).contains(name)) {
        throw new IllegalArgumentException("the DataFrame already has a column '" + name + "', which the scan adds;"
            + " choose a prefix for the added columns with columnPrefix(\"bulwark_\")");
      }
      out = out.add(name, f.dataType(), f.nullable());
    }
    return out;
  }

  /** The DataFrame with the result columns appended; rows keep their order within each partition. */
  public Dataset<Row> transform(Dataset<Row> input) {
    StructType schema = outputSchema(input.schema());
    int textIndex = input.schema().fieldIndex(textColumn);
    int roleIndex = roleColumn == null ? -1 : input.schema().fieldIndex(roleColumn);
    int width = input.schema().fields().length;
    return input.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> scanPartition(rows, width, textIndex, roleIndex),
        Encoders.row(schema));
  }

  private Iterator<Row> scanPartition(Iterator<Row> rows, int width, int textIndex, int roleIndex) {
    Firewall firewall = ExecutorFirewalls.get(source);
    return new OrderedWindow<>(rows, row -> {
      String text = row.isNullAt(textIndex) ? null : row.getString(textIndex);
      String role = roleIndex < 0 || row.isNullAt(roleIndex) ? null : row.getString(roleIndex);
      return cell(firewall, text, role).thenApply(cell -> Map.entry(row, cell));
    }, window).map(scanned -> {
      // Counted here, on the task's thread: a task's accumulators are neither thread-safe nor read after it ends,
      // and the model scanners complete rows on the firewall's pool.
      count(scanned.getValue());
      return append(scanned.getKey(), width, scanned.getValue().values());
    });
  }

  /** The result columns' values for one cell: the firewall's verdict, or an error when the cell cannot be scanned. */
  CompletableFuture<Object[]> scanCell(Firewall firewall, String text, String role) {
    return cell(firewall, text, role).thenApply(Cell::values);
  }

  /** One cell's result columns, and whether the firewall gave them (false: the cell could not be scanned). */
  private record Cell(Object[] values, boolean scanned) {}

  private CompletableFuture<Cell> cell(Firewall firewall, String text, String role) {
    if (text == null) {
      return notScanned("column '" + textColumn + "' is null: nothing to scan");
    }
    Role r = defaultRole;
    if (role != null) {
      try {
        r = Role.parse(role);
      } catch (IllegalArgumentException e) {
        return notScanned("role: " + e.getMessage());
      }
    }
    CompletableFuture<FirewallResult> result;
    try {
      result = firewall.scanAsync(new Message(r, text));
    } catch (RuntimeException e) {
      return notScanned("scan failed: " + e);
    }
    return result.handle((ok, failed) -> new Cell(
        failed == null ? ResultColumns.values(ok) : ResultColumns.error("scan failed: " + failed), true));
  }

  private static CompletableFuture<Cell> notScanned(String error) {
    return CompletableFuture.completedFuture(new Cell(ResultColumns.error(error), false));
  }

  /** A row that could not be scanned counts as an error with no decision, as {@code bulwark batch} counts it. */
  private void count(Cell cell) {
    if (counters == null) {
      return;
    }
    if (cell.scanned()) {
      counters.record(cell.values());
    } else {
      counters.record(null, true);
    }
  }

  private static Row append(Row row, int width, Object[] result) {
    Object[] values = new Object[width + result.length];
    for (int i = 0; i < width; i++) {
      values[i] = row.get(i);
    }
    System.arraycopy(result, 0, values, width, result.length);
    return RowFactory.create(values);
  }

  private static void requireString(StructType schema, String column, String what) {
    if (!Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new IllegalArgumentException("no " + what + " column '" + column + "'; the DataFrame has "
          + Arrays.toString(schema.fieldNames()));
    }
    DataType type = schema.apply(column).dataType();
    if (!type.equals(DataTypes.StringType)) {
      throw new IllegalArgumentException("the " + what + " column '" + column + "' is " + type.simpleString()
          + ", not string; Bulwark scans text: cast it first, e.g. col(\"" + column + "\").cast(\"string\")");
    }
  }
}
