package dev.bulwark.bench;

import dev.bulwark.promptguard.Verdict;
import dev.bulwark.promptguard.EmbeddedPromptGuard;
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
 * Latency of the embedded Prompt Guard on one caller, warm, per text of 128 or 512 MiniLM tokens (sample mode: JMH
 * prints p50/p90/p99). {@code encoder}: the MiniLM stage runs on every text (cascade off) — the worst case;
 * {@code cascade}: the default; {@code lexical}: the n-gram stage alone, the baseline in the same run. {@code texts}:
 * {@code prose} is synthetic ordinary text; {@code dev} replays 64 rows of the team's prompt-attack dev set cut to the
 * length (it needs {@code ../shared}), so the cascade decides as on that traffic.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PromptGuardLatencyBench {
  @Param({"128", "512"})
  public int tokens;

  @Param({"encoder", "cascade", "lexical"})
  public String stage;

  @Param({"prose", "dev", "ordinary"})
  public String texts;

  private EmbeddedPromptGuard model;
  private List<String> inputs;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    boolean encoder = !stage.equals("lexical");
    boolean cascade = !stage.equals("encoder");
    model = EmbeddedPromptGuard.shipped(new EmbeddedPromptGuard.Options(true, encoder, cascade, false, Duration.ZERO, 0));
    inputs = PromptGuardTexts.of(texts, tokens, texts.equals("prose") ? 8 : 64);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    long[] stages = model.stageCounts();
    System.out.printf("%n[%s/%s/%d] encoder ran on %d of %d texts%n", texts, stage, tokens, stages[1], stages[0] + stages[1]);
    model.close();
  }

  @Benchmark
  public Verdict score() {
    next = (next + 1) % inputs.size();
    return model.score(inputs.get(next));
  }
}
