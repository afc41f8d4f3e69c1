package dev.bulwark.promptguard;

import dev.bulwark.classifier.ClassifierException;
import dev.bulwark.classifier.runtime.Threading;
import dev.bulwark.core.ConfigException;
import dev.bulwark.core.ConfigNode;
import dev.bulwark.core.Cost;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Parameter;
import dev.bulwark.core.Role;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds {@code prompt-guard} scanners: the embedded default, or a Hugging Face ONNX export given by {@code model-dir}. */
public final class PromptGuardProvider implements ScannerProvider {
  /** The threshold for an ONNX export when none is configured (LlamaFirewall blocks at 0.9). */
  public static final double ONNX_DEFAULT_THRESHOLD = 0.9;

  @Override
  public String name() {
    return PromptGuardScanner.NAME;
  }

  @Override
  public String description() {
    return "Prompt injection / jailbreak classifier (embedded n-gram+MiniLM head, or a Prompt Guard 2 ONNX export)";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        new Parameter("threshold", "number 0..1", "from the model", "score at or above which the message is flagged"),
        new Parameter("language-thresholds", "mapping lang -> number", null, "per-language thresholds (ISO 639-1), e.g. {zh: 0.93}; written by 'bulwark calibrate --per-language'"),
        new Parameter("decision", "block | human_in_the_loop_required", "block", "what a flagged message gets"),
        new Parameter("head", "path", "the shipped head", "embedded model: a head file written by 'bulwark train prompt-guard'"),
        new Parameter("model-dir", "path", null, "a Hugging Face sequence-classification export (model.onnx, tokenizer.json, config.json) to use instead of the embedded model"),
        new Parameter("labels", "list of labels", "every non-benign label", "with model-dir: labels whose probabilities make the score, e.g. [MALICIOUS] or [INJECTION, JAILBREAK]"),
        new Parameter("temperature", "number > 0", "1.0", "with model-dir: logits are divided by it before softmax"),
        new Parameter("window-overlap", "integer", "64", "with model-dir: tokens shared by neighbouring 512-token windows"),
        new Parameter("preprocess", "boolean", "true", "normalise look-alike letters, spaced-out letters and invisible characters first"),
        new Parameter("encoder", "boolean", "true", "embedded model: use the MiniLM stage (false: n-gram stage only)"),
        new Parameter("cascade", "boolean", "true", "embedded model: run MiniLM only when the n-gram stage is unsure"),
        new Parameter("micro-batch", "boolean", "true", "batch concurrent callers' inference into one call"),
        new Parameter("max-wait", "duration", "2ms", "longest a window waits for batch-mates"),
        new Parameter("threads", "integer", "0", "ONNX Runtime intra-op threads per inference (0 = its default, one per core)"),
        new Parameter("batch-workers", "integer", "2", "inferences that may run at once when micro-batching"),
        new Parameter("spinning", "boolean", "false", "let idle ONNX Runtime threads busy-wait for work (ONNX Runtime's own default): measured no faster on an idle machine and twice as slow on a busy one"));
  }

  @Override
  public Set<Role> roles() {
    return EnumSet.of(Role.USER, Role.SYSTEM, Role.TOOL, Role.MEMORY);
  }

  @Override
  public Scanner create(ScannerSettings s) {
    boolean preprocess = s.getBoolean("preprocess", true);
    boolean microBatch = s.getBoolean("micro-batch", true);
    Duration maxWait = s.getDuration("max-wait", Duration.ofMillis(2));
    int threads = s.getInt("threads", 0, 0, 64);
    int workers = s.getInt("batch-workers", 2, 1, 64);
    boolean spinning = s.getBoolean("spinning", false);
    Decision decision = s.getDecision("decision", Decision.BLOCK);
    if (decision == Decision.ALLOW) {
      throw s.error("decision", "a flagged message cannot be allowed; use block or human_in_the_loop_required");
    }
    Map<String, Double> languageThresholds = languageThresholds(s);
    PromptAttackModel model;
    Cost cost;
    try {
      if (s.has("model-dir")) {
        Path dir = s.getPath("model-dir", null);
        double temperature = s.getDouble("temperature", 1.0, 1e-3, 1e3);
        int overlap = s.getInt("window-overlap", 64, 0, 500);
        model = new OnnxPromptGuard(dir, s.getStringList("labels", List.of()), temperature, overlap, preprocess, microBatch,
            maxWait, new Threading(threads, spinning), ONNX_DEFAULT_THRESHOLD);
        cost = Cost.EXPENSIVE;
      } else {
        for (String onnxOnly : List.of("labels", "temperature", "window-overlap")) {
          if (s.has(onnxOnly)) {
            throw s.error(onnxOnly, "only applies with model-dir (an ONNX classifier export)");
          }
        }
        var options = new EmbeddedPromptGuard.Options(preprocess, s.getBoolean("encoder", true), s.getBoolean("cascade", true),
            microBatch, maxWait, threads, spinning, workers);
        model = s.has("head")
            ? new EmbeddedPromptGuard(dev.bulwark.promptguard.EmbeddedHead.read(s.getPath("head", null)), options)
            : EmbeddedPromptGuard.shipped(options);
        cost = Cost.MODERATE;
      }
    } catch (ClassifierException e) {
      throw new ConfigException(s.location(s.has("model-dir") ? "model-dir" : s.has("head") ? "head" : "threshold"), "scanners." + s.instanceName() + ": " + e.getMessage());
    }
    double threshold = s.getThreshold("threshold", model.defaultThreshold());
    return new PromptGuardScanner(s.instanceName(), model, threshold, languageThresholds, decision, cost);
  }

  private static Map<String, Double> languageThresholds(ScannerSettings s) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (!s.has("language-thresholds")) {
      return out;
    }
    ConfigNode node = s.node("language-thresholds").orElseThrow();
    if (!(node instanceof ConfigNode.Mapping m)) {
      throw s.error("language-thresholds", "expected a mapping from language code to threshold, found " + node.kind());
    }
    for (Map.Entry<String, ConfigNode> e : m.entries().entrySet()) {
      String v = e.getValue() instanceof ConfigNode.Scalar sc ? sc.value() : null;
      double t;
      try {
        t = Double.parseDouble(v);
      } catch (NumberFormatException | NullPointerException ex) {
        throw new ConfigException(e.getValue().location(), "scanners." + s.instanceName() + ".language-thresholds." + e.getKey() + ": expected a number between 0 and 1, found " + e.getValue().kind());
      }
      if (!(t >= 0 && t <= 1)) {
        throw new ConfigException(e.getValue().location(), "scanners." + s.instanceName() + ".language-thresholds." + e.getKey() + ": expected a number between 0 and 1, got " + v);
      }
      out.put(e.getKey(), t);
    }
    return out;
  }
}
