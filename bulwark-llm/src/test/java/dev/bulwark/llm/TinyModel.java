package dev.bulwark.llm;

import dev.bulwark.llm.gguf.SyntheticGguf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The tests' model: a tiny random-weight GGUF the tests write themselves into target/. */
public final class TinyModel {
  private static Path path;
  private static Path safe;
  private static Path unsafe;

  private TinyModel() {}

  /** A scripted model that always answers "safe". */
  public static synchronized Path alwaysSafe() {
    if (safe == null) {
      safe = scripted("always-safe.gguf", java.util.Map.of("safe", "<|eot_id|>"), "safe");
    }
    return safe;
  }

  /** A scripted model that always answers "unsafe,S1". */
  public static synchronized Path alwaysUnsafe() {
    if (unsafe == null) {
      unsafe = scripted("always-unsafe.gguf", java.util.Map.of("unsafe", ",", ",", "S1", "S1", "<|eot_id|>"), "unsafe");
    }
    return unsafe;
  }

  private static Path scripted(String name, java.util.Map<String, String> next, String defaultNext) {
    Path p = Path.of("target", "test-models", name).toAbsolutePath();
    try {
      SyntheticGguf.scripted(next, defaultNext).write(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  public static synchronized Path path() {
    if (path == null) {
      Path p = Path.of("target", "test-models", "tiny-q8.gguf").toAbsolutePath();
      try {
        if (!Files.exists(p)) {
          new SyntheticGguf(SyntheticGguf.Shape.tiny(), SyntheticGguf.Quantization.Q8_0).write(p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      path = p;
    }
    return path;
  }
}
