package dev.bulwark.bench;

import dev.bulwark.codeshield.CodeShield;
import dev.bulwark.codeshield.CodeShieldResult;
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
 * Code Shield on one ~100 KB file per language, built by concatenating that language's dev-corpus snippets: MB/s =
 * 0.1 / (ms per op / 1000). {@code regexOnly} caps parsing (blocks above 1 char get no syntax tree) to show what the
 * tree-sitter rules cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class CodeShieldThroughputBench {
  @Param({"python", "c", "java", "javascript"})
  public String language;

  private CodeShield shield;
  private CodeShield regexOnly;
  private String file;

  @Setup
  public void setUp() {
    shield = CodeShield.create();
    regexOnly = CodeShield.builder().maxParseChars(1).build();
    file = file(CodeShieldCorpus.load(), language);
    shield.scan(file, language);
  }

  /** That language's dev snippets concatenated (repeated if need be) to about 100 KB. */
  static String file(java.util.List<CodeShieldCorpus.Snippet> corpus, String language) {
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 100_000) {
      for (CodeShieldCorpus.Snippet s : corpus) {
        if (language.equals(s.language()) && sb.length() < 100_000) {
          sb.append(s.code()).append('\n');
        }
      }
    }
    return sb.toString();
  }

  @Benchmark
  public CodeShieldResult full() {
    return shield.scan(file, language);
  }

  @Benchmark
  public CodeShieldResult regexOnly() {
    return regexOnly.scan(file, language);
  }
}
