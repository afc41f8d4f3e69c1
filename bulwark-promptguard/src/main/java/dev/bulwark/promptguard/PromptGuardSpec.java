package dev.bulwark.promptguard;

import dev.bulwark.core.Cost;
import dev.bulwark.core.Decision;
import dev.bulwark.core.FailureMode;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScannerSpec;
import dev.bulwark.core.Setting;
import dev.bulwark.promptguard.EmbeddedPromptGuard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The {@code prompt-guard} scanner type. The embedded model's defaults are {@link EmbeddedPromptGuard.Options#defaults()};
 * the threshold's default comes from the model (the head's calibrated value, or 0.9 for an ONNX export).
 */
final class PromptGuardSpec {
  private PromptGuardSpec() {}

  private static final EmbeddedPromptGuard.Options EMBEDDED = EmbeddedPromptGuard.Options.defaults();

  static final Setting<Double> THRESHOLD = Setting.threshold("threshold", "score at or above which the message is flagged")
      .defaultDescribed("from the model");
  static final Setting<Map<String, Double>> LANGUAGE_THRESHOLDS = Setting.numberMap("language-thresholds",
      "mapping lang -> number", 0, 1,
      "per-language thresholds (ISO 639-1), e.g. {zh: 0.93}; written by 'bulwark calibrate --per-language'");
  static final Setting<Decision> DECISION = Setting.decision("decision", "what a flagged message gets",
      Decision.BLOCK, Decision.HUMAN_IN_THE_LOOP_REQUIRED).byDefault(Decision.BLOCK);
  static final Setting<Path> HEAD = Setting.path("head",
      "embedded model: a head file written by 'bulwark train prompt-guard'").defaultDescribed("the shipped head");
  static final Setting<Path> MODEL_DIR = Setting.path("model-dir", "a Hugging Face sequence-classification export"
      + " (model.onnx, tokenizer.json, config.json) to use instead of the embedded model");
  static final Setting<List<String>> LABELS = Setting.list("labels", "list of labels",
      "with model-dir: labels whose probabilities make the score, e.g. [MALICIOUS] or [INJECTION, JAILBREAK]")
      .defaultDescribed("every non-benign label");
  static final Setting<Double> TEMPERATURE = Setting.number("temperature", 1e-3, 1e3,
      "with model-dir: logits are divided by it before softmax").byDefault(1.0);
  static final Setting<Integer> WINDOW_OVERLAP = Setting.integer("window-overlap", 0, 500,
      "with model-dir: tokens shared by neighbouring 512-token windows").byDefault(64);
  static final Setting<Boolean> PREPROCESS = Setting.bool("preprocess",
      "normalise look-alike letters, spaced-out letters and invisible characters first").byDefault(EMBEDDED.preprocess());
  static final Setting<Boolean> ENCODER = Setting.bool("encoder",
      "embedded model: use the MiniLM stage (false: n-gram stage only)").byDefault(EMBEDDED.encoder());
  static final Setting<Boolean> CASCADE = Setting.bool("cascade",
      "embedded model: run MiniLM only when the n-gram stage is unsure").byDefault(EMBEDDED.cascade());
  static final Setting<Boolean> MICRO_BATCH = Setting.bool("micro-batch",
      "batch concurrent callers' inference into one call").byDefault(EMBEDDED.microBatch());
  static final Setting<Duration> MAX_WAIT = Setting.duration("max-wait", "longest a window waits for batch-mates")
      .byDefault(EMBEDDED.maxWait());
  static final Setting<Integer> THREADS = Setting.integer("threads", 0, 64,
      "ONNX Runtime intra-op threads per inference (0 = its default, one per core)").byDefault(EMBEDDED.threads());
  static final Setting<Integer> BATCH_WORKERS = Setting.integer("batch-workers", 1, 64,
      "inferences that may run at once when micro-batching").byDefault(EMBEDDED.workers());
  static final Setting<Boolean> SPINNING = Setting.bool("spinning", "let idle ONNX Runtime threads busy-wait for work"
      + " (ONNX Runtime's own default): measured no faster on an idle machine and twice as slow on a busy one")
      .byDefault(EMBEDDED.spinning());

  /** Settings that only mean something for an ONNX export ({@code model-dir}). */
  static final List<Setting<?>> ONNX_ONLY = List.of(LABELS, TEMPERATURE, WINDOW_OVERLAP);

  /** Cost with the embedded model; an ONNX export ({@code model-dir}) is {@link Cost#EXPENSIVE}. */
  static final ScannerSpec SPEC = new ScannerSpec(PromptGuardScanner.NAME,
      "Prompt injection / jailbreak classifier (embedded n-gram+MiniLM head, or a Prompt Guard 2 ONNX export)",
      EnumSet.of(Role.USER, Role.SYSTEM, Role.TOOL, Role.MEMORY), Cost.MODERATE, FailureMode.OPEN,
      List.of(THRESHOLD, LANGUAGE_THRESHOLDS, DECISION, HEAD, MODEL_DIR, LABELS, TEMPERATURE, WINDOW_OVERLAP, PREPROCESS,
          ENCODER, CASCADE, MICRO_BATCH, MAX_WAIT, THREADS, BATCH_WORKERS, SPINNING));
}
