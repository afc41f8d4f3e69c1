package dev.bulwark.promptguard;

import dev.bulwark.classifier.ClassifierException;
import dev.bulwark.classifier.runtime.Threading;
import dev.bulwark.core.ConfigException;
import dev.bulwark.core.Cost;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerSettings;
import dev.bulwark.core.ScannerSpec;
import dev.bulwark.core.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds {@code prompt-guard} scanners: the embedded default, or a Hugging Face ONNX export given by {@code model-dir}. */
public final class PromptGuardProvider implements ScannerProvider {
  /** The threshold for an ONNX export when none is configured (LlamaFirewall blocks at 0.9). */
  public static final double ONNX_DEFAULT_THRESHOLD = 0.9;

  @Override
  public ScannerSpec spec() {
    return PromptGuardSpec.SPEC;
  }

  @Override
  public Scanner create(ScannerSettings s) {
    boolean preprocess = s.get(PromptGuardSpec.PREPROCESS);
    boolean microBatch = s.get(PromptGuardSpec.MICRO_BATCH);
    Duration maxWait = s.get(PromptGuardSpec.MAX_WAIT);
    int threads = s.get(PromptGuardSpec.THREADS);
    boolean spinning = s.get(PromptGuardSpec.SPINNING);
    Decision decision = s.get(PromptGuardSpec.DECISION);
    Map<String, Double> languageThresholds = s.find(PromptGuardSpec.LANGUAGE_THRESHOLDS).orElse(Map.of());
    PromptAttackModel model;
    Cost cost;
    try {
      if (s.has(PromptGuardSpec.MODEL_DIR)) {
        model = new OnnxPromptGuard(s.get(PromptGuardSpec.MODEL_DIR), s.find(PromptGuardSpec.LABELS).orElse(List.of()),
            s.get(PromptGuardSpec.TEMPERATURE), s.get(PromptGuardSpec.WINDOW_OVERLAP), preprocess, microBatch, maxWait,
            new Threading(threads, spinning), ONNX_DEFAULT_THRESHOLD);
        cost = Cost.EXPENSIVE;
      } else {
        for (Setting<?> onnxOnly : PromptGuardSpec.ONNX_ONLY) {
          if (s.has(onnxOnly)) {
            throw s.error(onnxOnly, "only applies with model-dir (an ONNX classifier export)");
          }
        }
        var options = new EmbeddedPromptGuard.Options(preprocess, s.get(PromptGuardSpec.ENCODER),
            s.get(PromptGuardSpec.CASCADE), microBatch, maxWait, threads, spinning, s.get(PromptGuardSpec.BATCH_WORKERS));
        Optional<Path> head = s.find(PromptGuardSpec.HEAD);
        model = head.isPresent()
            ? new EmbeddedPromptGuard(EmbeddedHead.read(head.get()), options)
            : EmbeddedPromptGuard.shipped(options);
        cost = PromptGuardSpec.SPEC.cost();
      }
    } catch (ClassifierException e) {
      Setting<?> at = s.has(PromptGuardSpec.MODEL_DIR) ? PromptGuardSpec.MODEL_DIR
          : s.has(PromptGuardSpec.HEAD) ? PromptGuardSpec.HEAD : PromptGuardSpec.THRESHOLD;
      throw new ConfigException(s.location(at.name()), "scanners." + s.instanceName() + ": " + e.getMessage());
    }
    double threshold = s.find(PromptGuardSpec.THRESHOLD).orElse(model.defaultThreshold());
    return new PromptGuardScanner(s.instanceName(), model, threshold, languageThresholds, decision, cost);
  }
}
