package dev.bulwark.spark;

import dev.bulwark.core.ConfigException;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallConfig;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScannerRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The firewall a job runs, as text that travels to the executors: the configuration's YAML, the name it is reported
 * under (its path, so errors say file and line), and optionally the scanners every role runs instead of the
 * configured ones (what {@code bulwark batch --scanner} does).
 *
 * <p>Every factory parses the configuration on the driver, so a configuration that does not parse fails the job there,
 * with file and line, before any task starts.
 *
 * @param yaml the configuration text; {@code {}} for the defaults
 * @param sourceName where the text came from, as error messages name it
 * @param scanners when not empty, the scanners every role runs (the configuration still supplies their settings)
 */
public record FirewallSource(String yaml, String sourceName, List<String> scanners) implements Serializable {
  private static final long serialVersionUID = 1L;

  public FirewallSource {
    Objects.requireNonNull(yaml, "yaml");
    Objects.requireNonNull(sourceName, "sourceName");
    scanners = List.copyOf(scanners);
    FirewallConfig.parse(yaml, sourceName); // fail on the driver, with file and line
  }

  /** The default preset with default settings, as {@code bulwark batch} runs it without {@code --config}. */
  public static FirewallSource defaults() {
    return new FirewallSource("{}", "defaults", List.of());
  }

  /** A configuration given as YAML text. */
  public static FirewallSource yaml(String yaml) {
    return new FirewallSource(yaml, "configuration", List.of());
  }

  /**
   * Reads a configuration file from any file system Hadoop knows ({@code hdfs://}, {@code s3a://}, {@code file:},
   * or a path on the default file system) on the driver, with the session's Hadoop configuration.
   *
   * @throws ConfigException when it cannot be read or does not parse, naming the file (and line)
   */
  public static FirewallSource path(SparkSession spark, String path) {
    return path(spark.sparkContext().hadoopConfiguration(), path);
  }

  /** As {@link #path(SparkSession, String)}, with an explicit Hadoop configuration. */
  public static FirewallSource path(Configuration hadoop, String path) {
    Path p = new Path(path);
    byte[] bytes;
    // The FileSystem instance is Hadoop's cached one, shared in this JVM: only the stream is closed.
    try (InputStream in = p.getFileSystem(hadoop).open(p)) {
      bytes = in.readAllBytes();
    } catch (java.io.FileNotFoundException e) {
      throw new ConfigException("configuration file not found: " + path);
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + path + ": " + e.getMessage(), e);
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"))) {
      throw new ConfigException(path + ": the configuration is empty (no keys); write at least 'preset: default',"
          + " or use FirewallSource.defaults()");
    }
    return new FirewallSource(text, path, List.of());
  }

  /** The same configuration, with these scanners for every role (as {@code bulwark batch --scanner}). */
  public FirewallSource withScanners(List<String> names) {
    return new FirewallSource(yaml, sourceName, names);
  }

  /** Builds the firewall this source describes, for every role. Executors call this once per JVM. */
  public Firewall build() {
    FirewallConfig config = FirewallConfig.parse(yaml, sourceName);
    if (!scanners.isEmpty()) {
      for (Role role : Role.values()) {
        config = config.withRole(role, scanners);
      }
    }
    return Firewall.builder().registry(ScannerRegistry.discover()).config(config)
        .onlyRoles(EnumSet.allOf(Role.class)).build();
  }
}
