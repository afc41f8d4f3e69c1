package dev.bulwark.cli;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress display on stderr, redrawn at most five times a second; silent unless stderr is a terminal. */
final class ProgressBar {
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintStream err;
  private final long totalBytes;
  private final boolean enabled;
  private final long start = System.nanoTime();
  private long lastDraw;

  ProgressBar(PrintStream err, long totalBytes, boolean enabled) {
    this.err = err;
    this.totalBytes = totalBytes;
    this.enabled = enabled;
  }

  /** Whether the launcher saw a terminal on stderr ({@code -Dbulwark.stderr.tty=true}). */
  static boolean stderrIsTerminal() {
    return Boolean.getBoolean("bulwark.stderr.tty");
  }

  void update(long lines, long bytes, long errors) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    double secs = (now - start) / 1e9;
    String rate = String.format(Locale.ROOT, "%.0f lines/s", lines / Math.max(secs, 1e-9));
    if (totalBytes > 0) {
      double fraction = Math.min(1.0, (double) bytes / totalBytes);
      int width = 30;
      int filled = (int) Math.round(fraction * width);
      String eta = fraction > 0.01 ? String.format(Locale.ROOT, " ETA %ds", Math.round(secs / fraction - secs)) : "";
      err.printf(Locale.ROOT, "\r[%s%s] %3.0f%% %,d lines %s errors %d%s   ", "=".repeat(filled), " ".repeat(width - filled),
          fraction * 100, lines, rate, errors, eta);
    } else {
      err.printf(Locale.ROOT, "\r%,d lines %s errors %d   ", lines, rate, errors);
    }
    err.flush();
  }

  void finish() {
    if (enabled) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
