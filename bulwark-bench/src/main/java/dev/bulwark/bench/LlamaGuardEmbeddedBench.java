package dev.bulwark.bench;

import dev.bulwark.classifier.TunedEncoder;
import dev.bulwark.classifier.WindowedEmbedder;
import dev.bulwark.classifier.runtime.Threading;
import dev.bulwark.llm.SafetyHead;
import dev.bulwark.llm.ChatMessage;
import dev.bulwark.llm.EmbeddedSafetyClassifier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of the embedded Llama Guard default on one caller, warm, per message of 128 or 512 MiniLM tokens (sample
 * mode: JMH prints p50/p90/p99). {@code prompt}: a user message (User turn: n-grams, one MiniLM pass, stack,
 * categories); {@code reply}: an assistant message of that length answering a 30-token request (Agent turn: both
 * texts through the prompt model, plus the refusal detector; each request is new, as for an answer checked whole);
 * {@code replySameRequest}: the same, except that the request is the one judged just before, as for the sentence
 * runs of one streamed answer (its scores are remembered: one MiniLM pass fewer); {@code encoderOnly}: the head's encoder stage alone (the
 * fine-tuned MiniLM, or the frozen int8 one for a head without it) on the same text, the
 * baseline in the same run, so the difference is what the head adds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LlamaGuardEmbeddedBench {
  @Param({"128", "512"})
  public int tokens;

  @Param({"prompt", "reply", "replySameRequest", "encoderOnly"})
  public String mode;

  private EmbeddedSafetyClassifier classifier;
  private WindowedEmbedder embedder;
  private TunedEncoder tuned;
  private List<String> texts;
  private List<String> requests;
  private int next;
  private long fresh;

  @Setup(Level.Trial)
  public void setUp() {
    EmbeddedSafetyClassifier.Options options = new EmbeddedSafetyClassifier.Options(0.5, java.util.Set.of(), 4, 0, false, Duration.ZERO);
    if (mode.equals("encoderOnly")) {
      // The shipped head's own encoder stage: the fine-tuned fp32 MiniLM when it has one, else the int8 windows.
      SafetyHead head = SafetyHead.shipped();
      if (head.tunedEncoder() != null) {
        tuned = TunedEncoder.miniLm(head.tunedEncoder(), "the shipped head's tuned encoder", Threading.of(0));
      } else {
        embedder = WindowedEmbedder.miniLm("llama-guard-encoder", 0, false, Duration.ZERO, 2);
      }
    } else {
      classifier = EmbeddedSafetyClassifier.shipped(options);
    }
    texts = PromptGuardTexts.ofTokens(tokens, 8);
    requests = PromptGuardTexts.ofTokens(30, 8);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (classifier != null) {
      classifier.close();
    }
    if (embedder != null) {
      embedder.close();
    }
    if (tuned != null) {
      tuned.close();
    }
  }

  @Benchmark
  public Object judge() {
    next = (next + 1) % texts.size();
    String text = texts.get(next);
    return switch (mode) {
      case "encoderOnly" -> tuned != null ? tuned.outputs(List.of(text)) : embedder.embed(text);
      // A number makes every request new, so the classifier's memory of recent requests never answers for it.
      case "reply" -> classifier.assess(List.of(ChatMessage.user(requests.get(next) + " (" + fresh++ + ")"),
          ChatMessage.assistant(text)));
      case "replySameRequest" -> classifier.assess(List.of(ChatMessage.user(requests.get(0)), ChatMessage.assistant(text)));
      default -> classifier.assess(List.of(ChatMessage.user(text)));
    };
  }
}
