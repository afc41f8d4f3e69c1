package dev.bulwark.cli;

import dev.bulwark.core.Finding;
import dev.bulwark.core.FirewallResult;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.Status;
import java.io.PrintWriter;
import java.util.Locale;

/** The human-readable form of a result ({@code --format text}). */
final class TextReport {
  private TextReport() {}

  static void print(PrintWriter out, FirewallResult r, boolean withIndex) {
    out.printf(Locale.ROOT, "%s  score %.3f  status %s%s  (%.1f ms)%n", r.decision().id().toUpperCase(Locale.ROOT), r.score(),
        r.status().id(), withIndex && r.index() >= 0 ? "  message #" + r.index() : "", r.elapsed().toNanos() / 1e6);
    for (ScanResult s : r.results()) {
      out.printf(Locale.ROOT, "  %-14s %-26s %.3f  %s%s%n", s.scanner(), s.decision().id(), s.score(),
          s.status() == Status.SUCCESS ? "" : "[" + s.status().id() + "] ", oneLine(s.reason()));
      for (Finding f : s.findings()) {
        out.printf(Locale.ROOT, "      - %s%s%s: %s%n", f.rule(),
            f.category() == null ? "" : " (" + f.category() + ")",
            f.line() == null ? "" : " line " + f.line(), oneLine(f.message()));
      }
    }
  }

  private static String oneLine(String s) {
    String flat = s.replace('\n', ' ');
    return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
  }
}
