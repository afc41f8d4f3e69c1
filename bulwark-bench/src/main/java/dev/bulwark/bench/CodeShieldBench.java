package dev.bulwark.bench;

import dev.bulwark.codeshield.CodeShield;
import dev.bulwark.codeshield.CodeShieldResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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
 * Code Shield latency per snippet over the insecure-code dev corpus, single-threaded and warm: SampleTime mode, so JMH
 * reports p50/p90/p99 of one {@code scan(code, language)} call each, cycling through all snippets. {@code baseline}
 * runs one precompiled regex over the same snippet, for scale in the same run. {@code rules=without-taint} leaves out
 * the taint rules, so the cost of the taint pass is the difference between the two settings of one run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class CodeShieldBench {
  private static final Pattern BASELINE = Pattern.compile("\\beval\\s*\\(");

  /** {@code all}: every built-in rule; {@code without-taint}: every rule but the taint rules. */
  @Param({"all", "without-taint"})
  public String rules;

  private CodeShield shield;
  private List<CodeShieldCorpus.Snippet> corpus;
  private int next;

  @Setup
  public void setUp() {
    shield = switch (rules) {
      case "all" -> CodeShield.create();
      case "without-taint" -> CodeShield.builder().ruleFilter(r -> !r.isTaint()).build();
      default -> throw new IllegalArgumentException("rules: all or without-taint, not " + rules);
    };
    corpus = CodeShieldCorpus.load();
    for (CodeShieldCorpus.Snippet s : corpus) {
      shield.scan(s.code(), s.language()); // load grammars and compile queries before measuring
    }
  }

  @Benchmark
  public CodeShieldResult perSnippet() {
    CodeShieldCorpus.Snippet s = corpus.get(next);
    next = (next + 1) % corpus.size();
    return shield.scan(s.code(), s.language());
  }

  @Benchmark
  public boolean baseline() {
    CodeShieldCorpus.Snippet s = corpus.get(next);
    next = (next + 1) % corpus.size();
    return BASELINE.matcher(s.code()).find();
  }
}
