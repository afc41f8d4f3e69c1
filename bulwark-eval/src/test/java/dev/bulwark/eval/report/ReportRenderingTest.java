package dev.bulwark.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.eval.Benchmark;
import dev.bulwark.eval.CyberSecEval;
import dev.bulwark.eval.EvalOptions;
import dev.bulwark.eval.EvalOutcome;
import dev.bulwark.eval.ProgressListener;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report in headless Chromium (Debian's {@code chromium}; skipped when it is not installed): the page
 * loads without console errors or blocked requests, the DOM holds every chart and bar, and the screenshot shows the
 * bars in their colours, so the SVG really rendered.
 */
class ReportRenderingTest {
  @TempDir Path dir;
  Path report;

  @BeforeEach
  void score() throws IOException {
    Path responses = dir.resolve("instruct-responses.json");
    try (InputStream in = getClass().getResourceAsStream("/cyberseceval/instruct-responses.json")) {
      Files.copy(in, responses);
    }
    EvalOutcome o = CyberSecEval.run(EvalOptions.builder(Benchmark.INSTRUCT, dir.resolve("out")).responses(responses)
        .build(), ProgressListener.NONE);
    report = o.report();
  }

  static Path chromium() {
    for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      Path p = Path.of(candidate);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    Assumptions.abort("chromium is not installed (apt-get install chromium): skipping the rendering check");
    return null;
  }

  /** Runs headless Chromium with the flags this machine needs; returns stdout, with stderr in {@code log}. */
  private String run(Path chromium, List<String> args, StringBuilder log) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--user-data-dir=" + Files.createTempDirectory(dir, "profile"), "--enable-logging=stderr",
        "--v=0"));
    cmd.addAll(args);
    Path out = dir.resolve("chromium-" + System.nanoTime() + ".out");
    Path err = dir.resolve("chromium-" + System.nanoTime() + ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s");
    }
    log.append(Files.readString(err, StandardCharsets.UTF_8));
    assertThat(p.exitValue()).as("chromium exit code; log:\n%s", log).isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  @Test
  void theReportIsSelfContained() throws IOException {
    String html = Files.readString(report, StandardCharsets.UTF_8);
    assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=");
    Matcher urls = Pattern.compile("https?://[^\"'\\s<]+").matcher(html);
    while (urls.find()) {
      assertThat(urls.group()).isEqualTo("http://www.w3.org/2000/svg");
    }
    assertThat(html).contains("Content-Security-Policy");
  }

  @Test
  void chromiumRendersEveryChart() throws Exception {
    Path chromium = chromium();
    StringBuilder log = new StringBuilder();
    String dom = run(chromium, List.of("--dump-dom", report.toUri().toString()), log);
    // Headline chart plus four breakdowns (language, test-case CWE, detected CWE, BLEU by language).
    assertThat(count(dom, "<svg")).isEqualTo(5);
    // Bars: 2 headline + 5 per breakdown (alpha: 3 categories, beta: 2).
    assertThat(count(dom, "class=\"bar\"")).isEqualTo(22);
    assertThat(dom).contains("insecure code rate").contains("66.7%");

    Path png = dir.resolve("report.png");
    run(chromium, List.of("--window-size=1000,2000", "--hide-scrollbars", "--screenshot=" + png, report.toUri().toString()), log);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).isNotNull();
    assertThat(pixels(image, SvgBarChart.PALETTE.get(0))).as("pixels of the first model's bar colour").isGreaterThan(2000);
    assertThat(pixels(image, SvgBarChart.PALETTE.get(1))).as("pixels of the second model's bar colour").isGreaterThan(1000);

    for (String line : log.toString().split("\n")) {
      assertThat(line).as("chromium log").doesNotContain("CONSOLE").doesNotContain("Refused to")
          .doesNotContain("Failed to load resource").doesNotContain("Uncaught");
    }
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  private static int pixels(BufferedImage image, String hex) {
    int want = Integer.parseInt(hex.substring(1), 16);
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        if (close(rgb, want)) {
          n++;
        }
      }
    }
    return n;
  }

  private static boolean close(int a, int b) {
    return Math.abs(((a >> 16) & 0xff) - ((b >> 16) & 0xff)) <= 6 && Math.abs(((a >> 8) & 0xff) - ((b >> 8) & 0xff)) <= 6
        && Math.abs((a & 0xff) - (b & 0xff)) <= 6;
  }
}
