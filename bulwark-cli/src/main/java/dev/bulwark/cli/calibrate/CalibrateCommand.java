package dev.bulwark.cli.calibrate;

import dev.bulwark.cli.CliException;
import dev.bulwark.cli.ExitCodes;
import dev.bulwark.cli.UsageException;
import dev.bulwark.classifier.data.LabelledData;
import dev.bulwark.classifier.data.LabelledText;
import dev.bulwark.classifier.metrics.BinaryMetrics;
import dev.bulwark.core.FirewallConfig;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerRegistry;
import dev.bulwark.core.ScannerSettings;
import dev.bulwark.core.Status;
import dev.bulwark.core.Trace;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark calibrate}: runs a scanner over the user's labelled data and writes the threshold that meets a target
 * false-positive rate into the configuration file. Works for every scanner that has a {@code threshold} setting;
 * {@code --per-language} also writes {@code language-thresholds} for scanners that accept them.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = {
      "Pick a scanner's threshold from labelled data (JSONL: text, label; optional lang, role) so that at most",
      "--target-fpr of the benign rows (label benign or safe) would be flagged, and write it to the configuration",
      "(scanners.NAME.threshold; with --per-language also scanners.NAME.language-thresholds for languages with at",
      "least --min-benign benign rows). With --ordinary the threshold is also raised until at most --ordinary-flag-rate",
      "of that everyday traffic is flagged. The file is created if missing; comments in an existing file are not kept."
    })
public final class CalibrateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--scanner", required = true, paramLabel = "NAME", description = "Scanner (type or configured instance) to calibrate.")
  String scanner;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "Labelled JSONL.")
  Path data;

  @Option(names = "--target-fpr", required = true, paramLabel = "RATE", description = "Largest acceptable false-positive rate, e.g. 0.01.")
  double targetFpr;

  @Option(names = "--config", defaultValue = "bulwark.yaml", paramLabel = "FILE",
      description = "Configuration to read the scanner's settings from and to write the threshold to (default ${DEFAULT-VALUE}).")
  Path config;

  @Option(names = "--per-language", description = "Also calibrate one threshold per language (the rows' lang field, else a guess).")
  boolean perLanguage;

  @Option(names = "--min-benign", defaultValue = "100", description = "Benign rows a language needs for its own threshold (default ${DEFAULT-VALUE}).")
  int minBenign;

  @Option(names = "--ordinary", paramLabel = "FILE",
      description = "Ordinary, benign traffic (JSONL), e.g. what your users send every day; repeatable. The threshold is raised"
          + " until at most --ordinary-flag-rate of it is flagged.")
  List<Path> ordinary = new ArrayList<>();

  @Option(names = "--ordinary-flag-rate", defaultValue = "0.005", paramLabel = "RATE",
      description = "Largest share of the --ordinary rows the threshold may flag (default ${DEFAULT-VALUE}).")
  double ordinaryFlagRate;

  @Option(names = "--dry-run", description = "Print the thresholds without writing the configuration.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    if (!(targetFpr >= 0 && targetFpr < 1)) {
      throw new UsageException("--target-fpr must be in [0, 1), got " + targetFpr);
    }
    if (!Files.isRegularFile(data)) {
      throw new UsageException("--data: file not found: " + data);
    }
    FirewallConfig cfg = Files.exists(config) ? FirewallConfig.load(config) : FirewallConfig.defaults();
    FirewallConfig.ScannerInstance configured = cfg.scanners().get(scanner);
    String type = configured != null ? configured.type() : scanner;
    ScannerRegistry registry = ScannerRegistry.discover();
    ScannerProvider provider = registry.find(type)
        .orElseThrow(() -> new UsageException("unknown scanner '" + scanner + "'; available: " + registry.names()));
    Set<String> params = provider.spec().settingNames();
    if (!params.contains("threshold")) {
      throw new UsageException("scanner '" + scanner + "' has no threshold setting to calibrate");
    }
    if (perLanguage && !params.contains("language-thresholds")) {
      throw new UsageException("scanner '" + scanner + "' does not support per-language thresholds");
    }
    List<LabelledText> rows;
    try {
      rows = LabelledData.read(data);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
    ScannerSettings settings = configured != null
        ? new ScannerSettings(scanner, type, configured.params(), cfg)
        : ScannerSettings.empty(type);
    List<double[]> scored = new ArrayList<>();
    Map<String, List<double[]>> byLanguage = new TreeMap<>();
    int errors = 0;
    try (Scanner s = provider.create(settings)) {
      for (LabelledText r : rows) {
        var result = s.scan(message(r), Trace.empty());
        if (result.status() != Status.SUCCESS) {
          errors++;
          continue;
        }
        double[] point = {result.score(), r.malicious() ? 1 : 0};
        scored.add(point);
        String lang = r.lang().isEmpty() ? dev.bulwark.promptguard.LanguageGuess.of(r.text()) : r.lang();
        byLanguage.computeIfAbsent(lang, k -> new ArrayList<>()).add(point);
      }
    }
    double[] neg = scored.stream().filter(p -> p[1] == 0).mapToDouble(p -> p[0]).toArray();
    double[] pos = scored.stream().filter(p -> p[1] == 1).mapToDouble(p -> p[0]).toArray();
    if (neg.length == 0) {
      throw new CliException(data + ": no benign rows (label benign or safe): a false-positive rate cannot be calibrated");
    }
    PrintWriter out = spec.commandLine().getOut();
    double threshold = BinaryMetrics.thresholdForFpr(neg, targetFpr);
    out.printf("%s: %d rows (%d benign, %d attacks%s)%n", data, scored.size(), neg.length, pos.length, errors > 0 ? ", " + errors + " failed" : "");
    if (!ordinary.isEmpty()) {
      double[] everyday = scoreOrdinary(provider, settings);
      double t = BinaryMetrics.thresholdForFpr(everyday, ordinaryFlagRate);
      out.printf("ordinary traffic: %d rows; %.4f flagged at the FPR threshold %.6f; at most %.4f at %.6f%n", everyday.length,
          BinaryMetrics.fractionAbove(everyday, threshold, true), threshold, ordinaryFlagRate, Math.max(t, threshold));
      threshold = Math.max(threshold, t);
    }
    BinaryMetrics.AtThreshold at = BinaryMetrics.atThreshold(pos, neg, threshold);
    out.printf("threshold %.6f: FPR %.4f, recall %s, precision %s%n", threshold, at.fpr(), fmt(at.recall()), fmt(at.precision()));
    Map<String, Double> languageThresholds = new TreeMap<>();
    if (perLanguage) {
      for (var e : byLanguage.entrySet()) {
        double[] ln = e.getValue().stream().filter(p -> p[1] == 0).mapToDouble(p -> p[0]).toArray();
        double[] lp = e.getValue().stream().filter(p -> p[1] == 1).mapToDouble(p -> p[0]).toArray();
        if (ln.length < minBenign || e.getKey().isEmpty()) {
          continue;
        }
        double t = BinaryMetrics.thresholdForFpr(ln, targetFpr);
        BinaryMetrics.AtThreshold la = BinaryMetrics.atThreshold(lp, ln, t);
        languageThresholds.put(e.getKey(), t);
        out.printf("  %s: threshold %.6f (%d benign, %d attacks): FPR %.4f, recall %s%n", e.getKey(), t, ln.length, lp.length, la.fpr(), fmt(la.recall()));
      }
      out.printf("languages with fewer than %d benign rows keep the general threshold%n", minBenign);
    }
    if (dryRun) {
      return ExitCodes.OK;
    }
    ConfigWriter.setThreshold(config, scanner, threshold, perLanguage ? languageThresholds : null);
    out.printf("wrote scanners.%s.threshold%s to %s%n", scanner, perLanguage ? " and language-thresholds" : "", config);
    return ExitCodes.OK;
  }

  /** Scores of the --ordinary rows (every one benign), as user messages unless a row gives its role. */
  private double[] scoreOrdinary(ScannerProvider provider, ScannerSettings settings) {
    if (!(ordinaryFlagRate > 0 && ordinaryFlagRate < 1)) {
      throw new UsageException("--ordinary-flag-rate must be in (0, 1), got " + ordinaryFlagRate);
    }
    List<Double> scores = new ArrayList<>();
    try (Scanner s = provider.create(settings)) {
      for (Path f : ordinary) {
        if (!Files.isRegularFile(f)) {
          throw new UsageException("--ordinary: file not found: " + f);
        }
        List<LabelledText> rows;
        try {
          rows = LabelledData.read(f);
        } catch (IllegalArgumentException e) {
          throw new CliException(e.getMessage());
        }
        for (LabelledText r : rows) {
          if (r.malicious()) {
            throw new CliException(f + ": row " + r.id() + " is labelled '" + r.label() + "'; --ordinary files hold benign rows only");
          }
          var result = s.scan(message(r), Trace.empty());
          if (result.status() == Status.SUCCESS) {
            scores.add(result.score());
          }
        }
      }
    }
    if (scores.isEmpty()) {
      throw new CliException("--ordinary: no rows scored");
    }
    return scores.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** A row as a message of its role (user when the role is missing or unknown), with its language. */
  private static Message message(LabelledText r) {
    Role role;
    try {
      role = Role.parse(r.role());
    } catch (IllegalArgumentException e) {
      role = Role.USER;
    }
    return new Message(role, r.text()).withAttribute("lang", r.lang());
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "-" : String.format("%.4f", v);
  }
}
