package dev.bulwark.classifier.runtime;

/**
 * How one ONNX Runtime session uses the CPU.
 *
 * @param intraOpThreads threads one inference may use (0 = ONNX Runtime's default, one per physical core; 1 = the
 *     calling thread alone, which is what several inferences running side by side want)
 * @param spinning whether idle intra-op threads busy-wait for the next piece of work: it shaves the wake-up time off
 *     back-to-back inferences but burns cores that other threads (the lexical stage, other callers) need
 */
public record Threading(int intraOpThreads, boolean spinning) {
  public Threading {
    if (intraOpThreads < 0) {
      throw new IllegalArgumentException("intra-op threads must be >= 0, got " + intraOpThreads);
    }
  }

  /**
   * {@code threads} intra-op threads, not spinning. ONNX Runtime spins by default; measured here with a second busy
   * process on the 2 cores, a 128-token Prompt Guard inference took 51–60 ms p50 with spinning and 24–29 ms without
   * (docs/PERFORMANCE.md).
   */
  public static Threading of(int threads) {
    return new Threading(threads, false);
  }
}
