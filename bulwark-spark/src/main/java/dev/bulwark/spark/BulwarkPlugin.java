package dev.bulwark.spark;

import dev.bulwark.spark.internal.ExecutorFirewalls;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * Builds the job's firewall when each executor starts, so that a model file or scanner module missing on the
 * executors stops the executor with what is missing before it runs a task, rather than failing tasks one by one.
 * Enabled with {@code --conf spark.plugins=dev.bulwark.spark.BulwarkPlugin}; {@link ScanJob} enables it itself.
 *
 * <p>The driver side reads the configuration named by {@value #CONFIG} (any Hadoop file system; unset: the default
 * preset) and the scanners in {@value #SCANNERS} (comma-separated, as {@code --scanner}), and hands the text to the
 * executors; a configuration that does not parse stops the application on the driver. The executor side builds the
 * firewall into the JVM's shared instance ({@code ExecutorFirewalls}), which the tasks then use: a job whose
 * {@link FirewallSource} is the same configuration loads its models once, at executor start. In local mode the
 * driver's JVM is the executor, and the driver side builds it, so the session does not start.
 */
public final class BulwarkPlugin implements SparkPlugin {
  /** Spark property: the configuration file the executors build their firewall from. */
  public static final String CONFIG = "spark.bulwark.config";
  /** Spark property: the scanners every role runs, comma-separated (optional). */
  public static final String SCANNERS = "spark.bulwark.scanners";

  /** The executor id Spark gives the driver's own JVM in local mode. */
  private static final String LOCAL_EXECUTOR = "driver";
  private static final String YAML = "yaml";
  private static final String SOURCE_NAME = "source";
  private static final String SCANNER_LIST = "scanners";

  @Override
  public DriverPlugin driverPlugin() {
    return new DriverPlugin() {
      @Override
      public Map<String, String> init(SparkContext sc, PluginContext context) {
        Map<String, String> handedOver = describe(source(sc));
        if (sc.isLocal()) {
          // Local mode: this JVM is the executor. Build here, before the scheduler starts: an executor whose plugin
          // fails is left half-built by Spark, and its heartbeat thread would end this JVM minutes later.
          start(LOCAL_EXECUTOR, handedOver);
        }
        return handedOver;
      }
    };
  }

  @Override
  public ExecutorPlugin executorPlugin() {
    return new ExecutorPlugin() {
      @Override
      public void init(PluginContext context, Map<String, String> extraConf) {
        if (!LOCAL_EXECUTOR.equals(context.executorID())) {
          start(context.executorID(), extraConf);
        }
      }
    };
  }

  /** The firewall source the driver's properties name. */
  static FirewallSource source(SparkContext sc) {
    SparkConf conf = sc.getConf();
    FirewallSource source = conf.contains(CONFIG)
        ? FirewallSource.path(sc.hadoopConfiguration(), conf.get(CONFIG)) : FirewallSource.defaults();
    List<String> scanners = Arrays.stream(conf.get(SCANNERS, "").split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
    return source.withScanners(scanners);
  }

  /** The source as the driver hands it to the executors (Spark properties are strings; the YAML goes as Base64). */
  static Map<String, String> describe(FirewallSource source) {
    return Map.of(
        YAML, Base64.getEncoder().encodeToString(source.yaml().getBytes(StandardCharsets.UTF_8)),
        SOURCE_NAME, source.sourceName(),
        SCANNER_LIST, String.join(",", source.scanners()));
  }

  /**
   * Builds the executor's firewall from what the driver handed over.
   *
   * @throws IllegalStateException naming what is missing and how to provide it; Spark then reports the executor as
   *     failed to start ("Unable to create executor due to ...") and, in local mode, the session does not start
   */
  static void start(String executorId, Map<String, String> handedOver) {
    String yaml = new String(Base64.getDecoder().decode(handedOver.get(YAML)), StandardCharsets.UTF_8);
    String scanners = handedOver.get(SCANNER_LIST);
    FirewallSource source = new FirewallSource(yaml, handedOver.get(SOURCE_NAME),
        scanners.isEmpty() ? List.of() : List.of(scanners.split(",")));
    try {
      ExecutorFirewalls.get(source);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Bulwark cannot start on executor " + executorId + ": " + e.getMessage()
          + ". Every executor needs what the configuration (" + source.sourceName() + ") names: model files at paths"
          + " that exist on every node (absolute, or shipped with spark-submit --files / --archives) and the scanner"
          + " modules' jars (--jars or --packages; docs/SPARK.md, \"Setup on a cluster\")", e);
    }
  }
}
