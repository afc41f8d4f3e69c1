package dev.bulwark.llm.scanners;

import dev.bulwark.core.ConfigNode;
import dev.bulwark.core.Cost;
import dev.bulwark.core.FailureMode;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScannerSpec;
import dev.bulwark.core.Setting;
import dev.bulwark.llm.LlamaGuard;
import dev.bulwark.llm.LlamaGuardVersion;
import dev.bulwark.llm.EmbeddedSafetyClassifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The {@code llama-guard} scanner type, embedded classifier or Llama Guard on a backend. Defaults are
 * {@link LlamaGuard.Options#defaults()}'s and {@link EmbeddedSafetyClassifier.Options#defaults()}'s, which agree where
 * both have the setting.
 */
final class LlamaGuardSpec {
  private LlamaGuardSpec() {}

  private static final LlamaGuard.Options ON_BACKEND = LlamaGuard.Options.defaults();
  private static final EmbeddedSafetyClassifier.Options EMBEDDED = EmbeddedSafetyClassifier.Options.defaults();

  static final Setting<String> BACKEND = BackendSettings.backend("running Llama Guard; without it the embedded offline"
      + " classifier runs").defaultDescribed("none: the embedded classifier");
  static final Setting<LlamaGuardVersion> VERSION = Setting.parsed("version", "3-8b | 3-1b | 3-vision | 4",
      LlamaGuardVersion::parse, LlamaGuardVersion::id, "which Llama Guard the backend runs: sets the prompt format and taxonomy")
      .byDefault(LlamaGuardVersion.LLAMA_GUARD_3_8B);
  static final Setting<LlamaGuard.PromptFormat> PROMPT_FORMAT = Setting.parsed("prompt-format",
      "raw | conversation | message", LlamaGuard.PromptFormat::parse, "how the prompt is sent (see docs/LLAMA-GUARD.md)")
      .defaultDescribed("raw if the backend takes raw prompts, else conversation");
  static final Setting<Double> THRESHOLD = Setting.threshold("threshold", "unsafe probability from which a message is"
      + " blocked (embedded: 0.5 is the operating point chosen in training, see docs/models/llama-guard-embedded.md)")
      .byDefault(ON_BACKEND.threshold());
  static final Setting<ConfigNode> CATEGORIES = Setting.structured("categories", "list of {code, name, description}",
      "a custom policy replacing the default categories").defaultDescribed("the version's S1-S14 / S1-S13");
  static final Setting<List<String>> EXCLUDE = Setting.list("exclude", "list of codes",
      "categories left out of the prompt, e.g. [S6, S8]").byDefault(List.of());
  static final Setting<Boolean> PROBABILITIES = Setting.bool("probabilities",
      "measure P(unsafe) for the score; false: 1/0 from the verdict, faster").byDefault(ON_BACKEND.probabilities());
  static final Setting<Duration> TIMEOUT = BackendSettings.timeout("check");
  static final Setting<Integer> MAX_PROMPT_CHARS = Setting.integer("max-prompt-chars", 1_000, 1_000_000,
      "conversation text kept in the prompt; older turns go first").byDefault(ON_BACKEND.maxPromptChars());
  static final Setting<Integer> MAX_MESSAGE_CHARS = Setting.integer("max-message-chars", 500, 1_000_000,
      "longer messages are judged in overlapping windows of this size").byDefault(ON_BACKEND.maxMessageChars());
  static final Setting<Integer> MAX_WINDOWS = Setting.integer("max-windows", 1, 100, "most windows judged per message;"
      + " the rest is not judged and the reason says so (embedded: most 1,500-character chunks that go through the"
      + " encoder; every chunk gets the n-gram score)").byDefault(ON_BACKEND.maxWindows());
  static final Setting<Integer> STREAM_EVERY_CHARS = Setting.integer("stream-every-chars", 0, 10_000_000, "backend only:"
      + " judge a streamed answer every this many new characters (with as many before them) and at its end, without"
      + " holding text back; 0: once, at its end (the embedded classifier judges a stream sentence by sentence)")
      .byDefault(0);
  static final Setting<Path> HEAD = Setting.path("head", "embedded only: a head written by 'bulwark train llama-guard'")
      .defaultDescribed("the head shipped in the jar");
  static final Setting<Integer> THREADS = Setting.integer("threads", 0, 64,
      "embedded only: ONNX Runtime intra-op threads (0 = its default)").byDefault(EMBEDDED.threads());

  /** Settings that only mean something to Llama Guard on a backend: the embedded classifier refuses them. */
  static final List<Setting<?>> BACKEND_ONLY = List.of(CATEGORIES, PROMPT_FORMAT, PROBABILITIES);
  /** Settings that only mean something to the embedded classifier. */
  static final List<Setting<?>> EMBEDDED_ONLY = List.of(HEAD, THREADS);

  /**
   * Cost with the default settings (the embedded classifier: MiniLM over a few windows, milliseconds); on a backend
   * the scanner is {@link Cost#EXPENSIVE}. Open: an unreachable moderation model should not take the application
   * down; configure closed where it must.
   */
  static final ScannerSpec SPEC = new ScannerSpec("llama-guard", "Llama Guard content safety (S1-S14) of prompts and"
      + " answers: embedded offline classifier, or Llama Guard 3/4 on an LLM backend",
      Set.of(Role.USER, Role.ASSISTANT), Cost.MODERATE, FailureMode.OPEN,
      List.of(BACKEND, VERSION, PROMPT_FORMAT, THRESHOLD, CATEGORIES, EXCLUDE, PROBABILITIES, TIMEOUT, MAX_PROMPT_CHARS,
          MAX_MESSAGE_CHARS, MAX_WINDOWS, STREAM_EVERY_CHARS, HEAD, THREADS));
}
