package dev.bulwark.bench;

import dev.bulwark.codeshield.CodeShield;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Per-snippet latency as thread CPU time, a companion to {@link CodeShieldBench} for shared machines: wall-clock
 * percentiles move with other tenants' load, CPU time of the scanning thread much less. Single thread, warm (three
 * passes over the corpus first), then {@code passes} measured passes; prints p50/p90/p99/max in microseconds.
 *
 * <p>Run: {@code java -cp bulwark-bench/target/bulwark-bench.jar dev.bulwark.bench.CodeShieldCpuProfile [passes]}.
 */
public final class CodeShieldCpuProfile {
  private CodeShieldCpuProfile() {}

  public static void main(String[] args) {
    int passes = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    List<CodeShieldCorpus.Snippet> corpus = CodeShieldCorpus.load();
    report("full", CodeShield.create(), corpus, passes, mx);
    report("regex-only", CodeShield.builder().maxParseChars(1).build(), corpus, passes, mx);
  }

  private static void report(String name, CodeShield shield, List<CodeShieldCorpus.Snippet> corpus, int passes, ThreadMXBean mx) {
    for (int w = 0; w < 3; w++) {
      for (CodeShieldCorpus.Snippet s : corpus) {
        shield.scan(s.code(), s.language());
      }
    }
    long[] cpu = new long[corpus.size() * passes];
    long[] wall = new long[cpu.length];
    int k = 0;
    for (int p = 0; p < passes; p++) {
      for (CodeShieldCorpus.Snippet s : corpus) {
        long c0 = mx.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        shield.scan(s.code(), s.language());
        wall[k] = System.nanoTime() - w0;
        cpu[k++] = mx.getCurrentThreadCpuTime() - c0;
      }
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    System.out.printf(Locale.ROOT, "%-10s n=%d  cpu us: p50 %.0f  p90 %.0f  p99 %.0f  max %.0f | wall us: p50 %.0f  p90 %.0f  p99 %.0f  max %.0f%n",
        name, cpu.length, q(cpu, 0.50), q(cpu, 0.90), q(cpu, 0.99), cpu[cpu.length - 1] / 1e3,
        q(wall, 0.50), q(wall, 0.90), q(wall, 0.99), wall[wall.length - 1] / 1e3);
  }

  private static double q(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e3;
  }
}
