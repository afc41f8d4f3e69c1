package dev.bulwark.all;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's example, run in a JVM of its own (this one may have touched DJL already), loads no CUDA library and
 * leaves DJL's {@code ai.djl.util.cuda.fork} property as it found it: prompt-guard's tokenizer runs on the CPU, and
 * DJL's GPU probe (which loads {@code libcudart} and warns when the driver does not fit) is skipped.
 */
class NoGpuProbeTest {
  /** Runs the example, then reports what the process mapped. */
  public static final class Main {
    public static void main(String[] args) throws Exception {
      example.QuickStart.main(args);
      String maps = Files.readString(Path.of("/proc/self/maps"));
      System.out.println("cudart loaded: " + maps.contains("libcudart"));
      System.out.println("fork property: " + System.getProperty("ai.djl.util.cuda.fork"));
    }
  }

  @Test
  void theExampleLoadsNoCudaLibrary() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs /proc/self/maps (Linux)");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
        "-DOPT_OUT_TRACKING=true", "-Dai.djl.offline=true",
        "-cp", System.getProperty("java.class.path"), Main.class.getName())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("The page is not passed to the model.")
        .contains("cudart loaded: false").contains("fork property: null");
  }
}
