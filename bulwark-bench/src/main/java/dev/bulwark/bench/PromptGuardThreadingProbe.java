package dev.bulwark.bench;

import dev.bulwark.promptguard.EmbeddedPromptGuard;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Spinning versus non-spinning ONNX Runtime threads for the embedded Prompt Guard, MiniLM on every 128-token text:
 * single-caller p50/p90 and texts per second from 8 callers, the two settings alternating for {@code rounds} rounds so
 * that both see the same machine. Run it once idle and once beside a busy process: spinning only shows its cost
 * when the cores are contended, which JMH runs on a quiet machine never see (docs/PERFORMANCE.md).
 */
public final class PromptGuardThreadingProbe {
  private PromptGuardThreadingProbe() {}

  public static void main(String[] args) throws InterruptedException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    List<String> texts = PromptGuardTexts.ofTokens(128, 8);
    for (int round = 0; round < rounds; round++) {
      for (boolean spinning : new boolean[] {true, false}) {
        var options = new EmbeddedPromptGuard.Options(true, true, false, true, Duration.ofMillis(2), 0, spinning, 2);
        try (EmbeddedPromptGuard model = EmbeddedPromptGuard.shipped(options)) {
          for (int i = 0; i < 30; i++) {
            model.score(texts.get(i % texts.size()));
          }
          long[] nanos = new long[80];
          for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            model.score(texts.get(i % texts.size()));
            nanos[i] = System.nanoTime() - t0;
          }
          Arrays.sort(nanos);
          double perSecond = concurrent(model, texts, 8, 25);
          System.out.printf(Locale.ROOT, "round %d, spinning %-5s: p50 %5.1f ms, p90 %5.1f ms | 8 callers %5.1f texts/s%n",
              round, spinning, nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 9 / 10] / 1e6, perSecond);
        }
      }
    }
  }

  private static double concurrent(EmbeddedPromptGuard model, List<String> texts, int callers, int each)
      throws InterruptedException {
    CountDownLatch done = new CountDownLatch(callers);
    AtomicInteger next = new AtomicInteger();
    long t0 = System.nanoTime();
    for (int c = 0; c < callers; c++) {
      Thread t = new Thread(() -> {
        for (int i = 0; i < each; i++) {
          model.score(texts.get(Math.floorMod(next.getAndIncrement(), texts.size())));
        }
        done.countDown();
      });
      t.start();
    }
    done.await();
    return callers * each / ((System.nanoTime() - t0) / 1e9);
  }
}
