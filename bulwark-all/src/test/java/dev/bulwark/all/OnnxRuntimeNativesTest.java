package dev.bulwark.all;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * bulwark-all brings ONNX Runtime as bulwark-onnxruntime (classes, then the natives of the building platform only), not
 * Microsoft's jar with every platform's natives; prompt-guard runs on it (QuickStartTest, EveryDefaultScannerTest).
 */
class OnnxRuntimeNativesTest {
  private static List<String> classPath() {
    return Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
  }

  @Test
  void microsoftsJarWithEveryPlatformIsNotOnTheClassPath() {
    assertThat(classPath()).noneMatch(e -> e.contains(File.separator + "onnxruntime-") && !e.contains("bulwark-onnxruntime"));
  }

  @Test
  void onnxRuntimeClassesComeFromBulwarkOnnxRuntime() throws Exception {
    Class<?> env = Class.forName("ai.onnxruntime.OrtEnvironment");
    assertThat(env.getProtectionDomain().getCodeSource().getLocation().toString()).contains("bulwark-onnxruntime");
  }

  @Test
  void onlyThisPlatformsNativesAreOnTheClassPath() {
    String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
    String arch = System.getProperty("os.arch");
    String expected = (os.contains("linux") ? "linux" : os.contains("mac") ? "osx" : "windows") + "-"
        + (arch.equals("aarch64") ? "aarch_64" : "x86_64");
    // A reactor build that stops before package (mvn test) resolves bulwark-onnxruntime to its target/classes.
    assumeFalse(classPath().stream().anyMatch(e -> e.contains("bulwark-onnxruntime") && new File(e).isDirectory()),
        "bulwark-onnxruntime is not packaged in this build");
    List<String> natives = classPath().stream().filter(e -> e.contains("bulwark-onnxruntime")).filter(e -> e.contains("SNAPSHOT-"))
        .toList();
    assertThat(natives).hasSize(1);
    assertThat(natives.get(0)).endsWith("-" + expected + ".jar");
    assertThat(getClass().getResource("/ai/onnxruntime/native/" + (os.contains("linux") ? "linux" : os.contains("mac") ? "osx" : "win")
        + "-" + (arch.equals("aarch64") ? "aarch64" : "x64") + "/")).isNotNull();
  }
}
