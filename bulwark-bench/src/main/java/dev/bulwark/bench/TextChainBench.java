package dev.bulwark.bench;

import dev.bulwark.classifier.TextNormaliser;
import dev.bulwark.text.TextChain;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The text chain on a 10 KB message, in its two forms: the rules' view (baseline, what {@code regex} reads) and the
 * classifiers' view (what Prompt Guard and Llama Guard read, through {@link TextNormaliser}, offset map included).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TextChainBench {
  @Param({"english", "mixed", "hostile"})
  public String text;

  private String content;
  private final TextNormaliser classifiers = new TextNormaliser();

  @Setup
  public void setUp() {
    content = RuleScannersBench.BenchTexts.tenKilobytes(text);
  }

  @Benchmark
  public Object rulesView() {
    return TextChain.forRules().analyse(content);
  }

  @Benchmark
  public Object classifierView() {
    return classifiers.normalise(content);
  }
}
