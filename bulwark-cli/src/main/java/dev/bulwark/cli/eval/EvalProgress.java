package dev.bulwark.cli.eval;

import dev.bulwark.eval.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of an evaluation on stderr: on a terminal, one line per stage redrawn at most five times a second with a
 * bar, the rate, the ETA, errors and cache hits; otherwise one line when each stage ends.
 */
final class EvalProgress implements ProgressListener {
  private static final long REDRAW_NANOS = 200_000_000L;
  private static final int WIDTH = 28;

  private final PrintWriter err;
  private final boolean terminal;
  private String stage;
  private int total;
  private int done;
  private int failed;
  private int cached;
  private long start;
  private long lastDraw;

  EvalProgress(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public synchronized void stageStarted(String stage, int total) {
    this.stage = stage;
    this.total = total;
    this.done = 0;
    this.failed = 0;
    this.cached = 0;
    this.start = System.nanoTime();
    this.lastDraw = 0;
    draw(true);
  }

  @Override
  public synchronized void itemDone(String stage, boolean failed, boolean cached) {
    done++;
    this.failed += failed ? 1 : 0;
    this.cached += cached ? 1 : 0;
    draw(false);
  }

  @Override
  public synchronized void stageFinished(String stage) {
    double secs = (System.nanoTime() - start) / 1e9;
    if (terminal) {
      err.print("\r\033[K");
    }
    err.printf(Locale.ROOT, "%s: %,d done (%,d from cache, %,d errors) in %.1f s%n", stage, done, cached, failed, secs);
    err.flush();
  }

  private void draw(boolean force) {
    if (!terminal) {
      return;
    }
    long now = System.nanoTime();
    if (!force && now - lastDraw < REDRAW_NANOS && done < total) {
      return;
    }
    lastDraw = now;
    err.print("\r" + line(now));
    err.flush();
  }

  /** The progress line, e.g. {@code query [=======     ] 45% 545/1,212 12.1/s ETA 55s errors 2 cached 100}. */
  String line(long now) {
    double secs = Math.max((now - start) / 1e9, 1e-9);
    double fraction = total == 0 ? 1 : (double) done / total;
    int filled = (int) Math.round(fraction * WIDTH);
    int fresh = done - cached;
    // Cached items finish at once: the ETA comes from the rate of the items that were really computed.
    double rate = fresh > 0 ? fresh / secs : done / secs;
    String eta = done > 0 && done < total ? String.format(Locale.ROOT, " ETA %s", duration((total - done) / rate)) : "";
    return String.format(Locale.ROOT, "%s [%s%s] %3.0f%% %,d/%,d %.1f/s%s errors %,d cached %,d   ", stage,
        "=".repeat(filled), " ".repeat(WIDTH - filled), fraction * 100, done, total, done / secs, eta, failed, cached);
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
    }
    return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
  }
}
