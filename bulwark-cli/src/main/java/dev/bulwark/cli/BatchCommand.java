package dev.bulwark.cli;

import dev.bulwark.core.Decision;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.Role;
import dev.bulwark.core.BatchLineScan;
import dev.bulwark.core.ResultJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark batch}: the evaluation contract (contracts §4). Streams: lines are read, scanned by a small pool and
 * written in input order through a bounded window, so memory does not grow with the number of lines.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
    description = {"Scan a JSONL file: one {\"id\", \"text\"|\"code\", \"language\"?, \"role\"?, \"context\"?} per line,",
        "one result line per input line, in order. Malformed lines become error lines; the run goes on."})
final class BatchCommand implements Callable<Integer> {
  private static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

  @Spec CommandSpec spec;

  @Mixin FirewallOptions firewall = new FirewallOptions();

  @Option(names = "--role", paramLabel = "ROLE", description = "Default role of lines without \"role\" (default: user).")
  String role;

  @Option(names = "--input", required = true, paramLabel = "IN.jsonl", description = "Input file, or - for stdin.")
  String input;

  @Option(names = "--output", required = true, paramLabel = "OUT.jsonl", description = "Output file, or - for stdout.")
  String output;

  @Option(names = "--threads", paramLabel = "N", description = "Lines scanned in parallel (default: number of cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() throws Exception {
    if (firewall.scanners.isEmpty() && role == null) {
      throw new UsageException("batch needs --scanner NAME or --role ROLE");
    }
    if (threads < 1) {
      throw new UsageException("--threads must be at least 1");
    }
    Role defaultRole = role == null ? Role.USER : FirewallOptions.parseRole(role);
    long totalBytes = 0;
    InputStream in;
    if ("-".equals(input)) {
      in = System.in;
    } else {
      Path p = Path.of(input);
      try {
        in = Files.newInputStream(p);
        totalBytes = Files.size(p);
      } catch (NoSuchFileException e) {
        throw new CliException("input file not found: " + input);
      }
    }
    Writer out = "-".equals(output)
        ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
        : Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8);
    long start = System.nanoTime();
    Counts counts = new Counts();
    ProgressBar progress = new ProgressBar(System.err, totalBytes, ProgressBar.stderrIsTerminal());
    try (Firewall fw = firewall.build(EnumSet.allOf(Role.class));
        LineReader reader = new LineReader(in, MAX_LINE_BYTES)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "bulwark-batch");
        t.setDaemon(true);
        return t;
      });
      try {
        ArrayDeque<Future<String>> window = new ArrayDeque<>();
        int windowSize = threads * 8;
        LineReader.Line line;
        while ((line = reader.next()) != null) {
          LineReader.Line current = line;
          if (BatchLineScan.isBlank(current.text())) {
            continue; // blank lines (e.g. a trailing newline) are not inputs
          }
          window.add(pool.submit(() -> process(fw, current, defaultRole, counts)));
          if (window.size() >= windowSize) {
            writeLine(out, window.poll());
          }
          progress.update(counts.lines(), reader.bytesRead(), counts.errors());
        }
        while (!window.isEmpty()) {
          writeLine(out, window.poll());
          progress.update(counts.lines(), reader.bytesRead(), counts.errors());
        }
      } finally {
        pool.shutdownNow();
      }
      fw.notes().forEach(n -> spec.commandLine().getErr().println("note: " + n));
    } finally {
      out.flush();
      if (!"-".equals(output)) {
        out.close();
      }
      progress.finish();
    }
    double secs = (System.nanoTime() - start) / 1e9;
    spec.commandLine().getErr().printf(Locale.ROOT, "bulwark batch: %d lines in %.1f s (%.0f lines/s): %d allow, %d block, %d human review, %d errors%n",
        counts.lines(), secs, counts.lines() / Math.max(secs, 1e-9), counts.allow(), counts.block(), counts.review(), counts.errors());
    spec.commandLine().getErr().flush();
    return 0;
  }

  private static void writeLine(Writer out, Future<String> next) throws IOException, InterruptedException {
    try {
      out.write(next.get());
    } catch (ExecutionException e) {
      // process() catches everything; this is a bug, but the line must still be accounted for.
      out.write(ResultJson.errorLine(null, "internal error: " + e.getCause()));
    }
    out.write('\n');
  }

  private static String process(Firewall fw, LineReader.Line line, Role defaultRole, Counts counts) {
    BatchLineScan.Outcome outcome = line.text() == null
        ? BatchLineScan.unreadable(line.number(), line.error())
        : BatchLineScan.scan(fw, line.number(), line.text(), defaultRole);
    counts.record(outcome.decision(), outcome.error());
    return outcome.json();
  }

  /** Thread-safe tallies for the progress bar and the summary line. */
  private static final class Counts {
    private long lines;
    private long allow;
    private long block;
    private long review;
    private long errors;

    synchronized void record(Decision decision, boolean error) {
      lines++;
      if (error) {
        errors++;
      }
      if (decision == Decision.ALLOW) {
        allow++;
      } else if (decision == Decision.BLOCK) {
        block++;
      } else if (decision == Decision.HUMAN_IN_THE_LOOP_REQUIRED) {
        review++;
      }
    }

    synchronized long lines() {
      return lines;
    }

    synchronized long allow() {
      return allow;
    }

    synchronized long block() {
      return block;
    }

    synchronized long review() {
      return review;
    }

    synchronized long errors() {
      return errors;
    }
  }
}
