package dev.bulwark.bench;

import dev.bulwark.promptguard.Verdict;
import dev.bulwark.promptguard.EmbeddedPromptGuard;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Texts per second of the embedded Prompt Guard under 8 concurrent callers, 128-token texts. {@code batched}: the
 * encoder's windows are micro-batched (8 per call, at most 2 ms wait); {@code single}: one inference per text, the
 * baseline in the same run. {@code encoder} forces the MiniLM stage on every text; {@code cascade} is the default.
 * {@code texts}: as in {@link PromptGuardLatencyBench} ({@code dev} needs {@code ../shared}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(8)
@Fork(1)
public class PromptGuardThroughputBench {
  @Param({"batched", "single"})
  public String batching;

  @Param({"encoder", "cascade"})
  public String stage;

  @Param({"0"})
  public int threads;

  @Param({"prose", "dev", "ordinary"})
  public String texts;

  private EmbeddedPromptGuard model;
  private List<String> inputs;
  private final AtomicInteger next = new AtomicInteger();

  @Setup(Level.Trial)
  public void setUp() {
    model = EmbeddedPromptGuard.shipped(new EmbeddedPromptGuard.Options(true, true, stage.equals("cascade"),
        batching.equals("batched"), Duration.ofMillis(2), threads));
    inputs = PromptGuardTexts.of(texts, 128, texts.equals("prose") ? 32 : 64);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    long[] stages = model.stageCounts();
    System.out.printf("%n[%s/%s/%s] mean encoder batch %.2f; encoder ran on %d of %d texts%n", texts, batching, stage,
        model.meanEncoderBatchSize(), stages[1], stages[0] + stages[1]);
    model.close();
  }

  @Benchmark
  public Verdict score() {
    return model.score(inputs.get(Math.floorMod(next.getAndIncrement(), inputs.size())));
  }
}
