package dev.bulwark.spark;

import dev.bulwark.core.ConfigException;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.Role;
import dev.bulwark.core.BatchLineScan;
import dev.bulwark.spark.internal.ExecutorFirewalls;
import dev.bulwark.spark.internal.OrderedWindow;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Scans a corpus with {@code spark-submit} (docs/SPARK.md):
 *
 * <pre>
 * spark-submit --class dev.bulwark.spark.ScanJob bulwark-spark-job.jar \
 *     --input hdfs:///corpus/*.jsonl --format jsonl --output hdfs:///scans/run1 --config hdfs:///conf/bulwark.yaml
 * </pre>
 *
 * JSONL input is read as {@code bulwark batch} reads it and written as {@code bulwark batch} writes it, line by line
 * through the same code ({@link BatchLineScan}): one part file per partition, input order kept within a part, the
 * {@code id} on every line. Parquet input gets the {@link ResultColumns} appended and is written as Parquet.
 * Progress shows in Spark's UI as accumulators ({@link ScanCounters}); a summary line goes to stderr at the end.
 */
public final class ScanJob {
  static final String USAGE = String.join("\n",
      "usage: ScanJob --input PATH --format jsonl|parquet --output PATH [options]",
      "  --config FILE        firewall configuration (YAML) on any Hadoop file system (default: the default preset)",
      "  --scanner NAME       run only this scanner for every role (repeatable), as 'bulwark batch --scanner'",
      "  --role ROLE          role of lines or rows without one (default: user)",
      "  --master URL         Spark master when not run by spark-submit, e.g. local[2]",
      "  --partitions N       at least N input partitions (JSONL; default: Spark's split of the files)",
      "  --text-column NAME   Parquet: the column to scan (default: text)",
      "  --role-column NAME   Parquet: the column with each row's role (default: role, when there is one)",
      "  --window N           rows in flight per partition, for the model scanners' micro-batches (default: "
          + BulwarkScan.DEFAULT_WINDOW + ")");

  /** The job's arguments. */
  public record Options(String input, String format, String output, String config, List<String> scanners, Role role,
      String master, int partitions, String textColumn, String roleColumn, int window) {

    /** @throws IllegalArgumentException with what is wrong, for a usage message */
    public static Options parse(String... args) {
      String input = null;
      String format = null;
      String output = null;
      String config = null;
      List<String> scanners = new ArrayList<>();
      Role role = Role.USER;
      String master = null;
      int partitions = 0;
      String textColumn = "text";
      String roleColumn = null;
      int window = BulwarkScan.DEFAULT_WINDOW;
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (!name.startsWith("--")) {
          throw new IllegalArgumentException("unexpected argument '" + name + "'");
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        String value = args[++i];
        switch (name) {
          case "--input" -> input = value;
          case "--format" -> format = value.toLowerCase(Locale.ROOT);
          case "--output" -> output = value;
          case "--config" -> config = value;
          case "--scanner" -> scanners.add(value);
          case "--role" -> role = Role.parse(value);
          case "--master" -> master = value;
          case "--partitions" -> partitions = positive(name, value);
          case "--text-column" -> textColumn = value;
          case "--role-column" -> roleColumn = value;
          case "--window" -> window = positive(name, value);
          default -> throw new IllegalArgumentException("unknown option " + name);
        }
      }
      if (input == null || output == null || format == null) {
        throw new IllegalArgumentException("--input, --format and --output are required");
      }
      if (!format.equals("jsonl") && !format.equals("parquet")) {
        throw new IllegalArgumentException("--format must be jsonl or parquet, was '" + format + "'");
      }
      return new Options(input, format, output, config, List.copyOf(scanners), role, master, partitions, textColumn,
          roleColumn, window);
    }

    private static int positive(String name, String value) {
      try {
        int n = Integer.parseInt(value);
        if (n >= 1) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(name + " must be a whole number of at least 1, was '" + value + "'");
    }
  }

  /** What a run did, from the accumulators (a retried task's rows may be counted twice). */
  public record Summary(long lines, long allow, long block, long review, long errors, double seconds) {
    /** The summary line, in the words of {@code bulwark batch}'s. */
    public String line() {
      return String.format(Locale.ROOT,
          "bulwark spark: %d lines in %.1f s (%.0f lines/s): %d allow, %d block, %d human review, %d errors",
          lines, seconds, lines / Math.max(seconds, 1e-9), allow, block, review, errors);
    }
  }

  private ScanJob() {}

  public static void main(String[] args) {
    System.exit(run(args, System.err));
  }

  /** Runs the job; returns the exit code (0 done, 1 failed, 2 usage). */
  static int run(String[] args, PrintStream err) {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      err.println(USAGE);
      return 0;
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("bulwark spark: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    SparkSession.Builder builder = SparkSession.builder().appName("bulwark scan " + options.input());
    if (options.master() != null) {
      builder.master(options.master());
    }
    withPlugin(builder, options);
    SparkSession spark;
    try {
      spark = builder.getOrCreate();
    } catch (ConfigException | IllegalStateException e) {
      // The plugin's: a configuration that does not parse (driver), a model or module missing (executor start).
      err.println("bulwark spark: " + e.getMessage());
      return 1;
    }
    try {
      Summary summary = run(spark, options);
      err.println(summary.line());
      return 0;
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("bulwark spark: " + e.getMessage());
      return 1;
    } finally {
      spark.stop();
    }
  }

  /**
   * Enables {@link BulwarkPlugin} with this job's configuration, so each executor builds the firewall (and loads its
   * models) when it starts, and one that cannot fails then, saying what is missing. Plugins given to spark-submit
   * ({@code --conf spark.plugins=...}) are kept.
   */
  private static void withPlugin(SparkSession.Builder builder, Options options) {
    String plugin = BulwarkPlugin.class.getName();
    String given = new SparkConf().get("spark.plugins", "").strip();
    builder.config("spark.plugins", given.isEmpty() ? plugin
        : List.of(given.split(",")).contains(plugin) ? given : given + "," + plugin);
    if (options.config() != null) {
      builder.config(BulwarkPlugin.CONFIG, options.config());
    }
    if (!options.scanners().isEmpty()) {
      builder.config(BulwarkPlugin.SCANNERS, String.join(",", options.scanners()));
    }
  }

  /**
   * Runs the job on this session. The configuration is read and parsed here, on the driver, before any task.
   *
   * @throws ConfigException when the configuration cannot be read or parsed (with file and line)
   * @throws IllegalArgumentException when the output exists or a Parquet column is missing or not a string
   */
  public static Summary run(SparkSession spark, Options options) {
    FirewallSource source = (options.config() == null ? FirewallSource.defaults()
        : FirewallSource.path(spark, options.config())).withScanners(options.scanners());
    requireAbsent(spark, options.output());
    ScanCounters counters = ScanCounters.register(spark.sparkContext());
    long start = System.nanoTime();
    if (options.format().equals("jsonl")) {
      scanJsonLines(spark, options, source, counters);
    } else {
      scanParquet(spark, options, source, counters);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Summary(counters.rows(), counters.allow(), counters.block(), counters.review(), counters.errors(),
        seconds);
  }

  private static void scanJsonLines(SparkSession spark, Options options, FirewallSource source, ScanCounters counters) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<String> lines = options.partitions() > 0
        ? jsc.textFile(options.input(), options.partitions()) : jsc.textFile(options.input());
    Role role = options.role();
    int window = options.window();
    // zipWithIndex numbers the lines as batch does (its error lines say "line N"); it costs one extra pass that only
    // counts the lines of each partition.
    lines.zipWithIndex()
        .mapPartitions(part -> scanLines(part, source, role, window, counters))
        .saveAsTextFile(options.output());
  }

  private static Iterator<String> scanLines(Iterator<Tuple2<String, Long>> lines, FirewallSource source, Role role,
      int window, ScanCounters counters) {
    Firewall firewall = ExecutorFirewalls.get(source);
    Iterator<Tuple2<String, Long>> inputs = new SkipBlank(lines);
    return new OrderedWindow<Tuple2<String, Long>, BatchLineScan.Outcome>(inputs,
        line -> BatchLineScan.scanAsync(firewall, line._2() + 1, line._1(), role), window)
        .map(o -> {
          // Counted on the task's thread (the model scanners complete lines on the firewall's pool): a task's
          // accumulators are not thread-safe, and updates after the task ends are lost.
          counters.record(o.decision() == null ? null : o.decision().id(), o.error());
          return o.json();
        });
  }

  private static void scanParquet(SparkSession spark, Options options, FirewallSource source, ScanCounters counters) {
    Dataset<Row> input = spark.read().parquet(options.input());
    BulwarkScan scan = BulwarkScan.with(source).textColumn(options.textColumn()).defaultRole(options.role().id())
        .window(options.window()).counting(counters);
    String roleColumn = options.roleColumn();
    if (roleColumn == null && List.of(input.schema().fieldNames()).contains("role")) {
      roleColumn = "role";
    }
    if (roleColumn != null) {
      scan = scan.roleColumn(roleColumn);
    }
    scan.transform(input).write().parquet(options.output());
  }

  private static void requireAbsent(SparkSession spark, String output) {
    Path path = new Path(output);
    try {
      if (path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path)) {
        throw new IllegalArgumentException("the output " + output + " exists; remove it or choose another --output");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot check the output " + output + ": " + e.getMessage(), e);
    }
  }

  /** Drops blank lines (a trailing newline, say), which are not inputs: batch writes no line for them either. */
  private static final class SkipBlank implements Iterator<Tuple2<String, Long>> {
    private final Iterator<Tuple2<String, Long>> lines;
    private Tuple2<String, Long> next;

    SkipBlank(Iterator<Tuple2<String, Long>> lines) {
      this.lines = lines;
    }

    @Override
    public boolean hasNext() {
      while (next == null && lines.hasNext()) {
        Tuple2<String, Long> line = lines.next();
        if (!BatchLineScan.isBlank(line._1())) {
          next = line;
        }
      }
      return next != null;
    }

    @Override
    public Tuple2<String, Long> next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      Tuple2<String, Long> line = next;
      next = null;
      return line;
    }
  }
}
