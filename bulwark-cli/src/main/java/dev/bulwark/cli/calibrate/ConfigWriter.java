package dev.bulwark.cli.calibrate;

import dev.bulwark.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Sets a scanner's threshold (and per-language thresholds) in a YAML configuration file, creating it if needed. */
final class ConfigWriter {
  private ConfigWriter() {}

  @SuppressWarnings("unchecked")
  static void setThreshold(Path file, String scanner, double threshold, Map<String, Double> languageThresholds) {
    Map<String, Object> root = new LinkedHashMap<>();
    try {
      if (Files.exists(file)) {
        Object loaded = new Yaml(new LoaderOptions()).load(Files.readString(file, StandardCharsets.UTF_8));
        if (loaded instanceof Map<?, ?> m) {
          root = (Map<String, Object>) m;
        } else if (loaded != null) {
          throw new CliException(file + ": not a YAML mapping; cannot add the threshold");
        }
      }
      Object scanners = root.computeIfAbsent("scanners", k -> new LinkedHashMap<String, Object>());
      if (!(scanners instanceof Map)) {
        throw new CliException(file + ": 'scanners' is not a mapping; cannot add the threshold");
      }
      Map<String, Object> sm = (Map<String, Object>) scanners;
      Object entry = sm.get(scanner);
      Map<String, Object> settings = entry instanceof Map ? (Map<String, Object>) entry : new LinkedHashMap<>();
      settings.put("threshold", round(threshold));
      if (languageThresholds != null) {
        Map<String, Object> lt = new LinkedHashMap<>();
        languageThresholds.forEach((k, v) -> lt.put(k, round(v)));
        if (lt.isEmpty()) {
          settings.remove("language-thresholds");
        } else {
          settings.put("language-thresholds", lt);
        }
      }
      sm.put(scanner, settings);
      DumperOptions o = new DumperOptions();
      o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
      o.setIndent(2);
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, new Yaml(o).dump(root), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Six decimals: enough to separate scores, short enough to read. Rounded up so the FPR guarantee holds. */
  private static double round(double t) {
    return Math.min(1.0, Math.ceil(t * 1e6) / 1e6);
  }
}
