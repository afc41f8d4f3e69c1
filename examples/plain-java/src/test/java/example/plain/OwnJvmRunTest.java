package example.plain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code Main} as a user would, in a JVM of its own (this one has initialised SLF4J already), and reads both
 * streams: the verdicts on stdout, and on stderr no notice from SLF4J (the example declares a binding; Bulwark's
 * modules depend on slf4j-api only) and no GPU probe.
 */
class OwnJvmRunTest {
  @Test
  void stderrHasNoLoggingNoticeAndNoGpuProbe() throws Exception {
    Path errFile = Files.createTempFile("main-stderr", ".txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
        "-DOPT_OUT_TRACKING=true", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "What is the capital of France?").redirectError(errFile.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String stderr = Files.readString(errFile);
    System.err.println("[Main's stderr]\n" + stderr);
    assertThat(p.exitValue()).as(stderr).isZero();
    assertThat(out).startsWith("allow (score ").contains("What is the capital of France?");
    assertThat(stderr).doesNotContain("SLF4J").doesNotContain("CudaUtils").doesNotContain("GPU");
  }
}
