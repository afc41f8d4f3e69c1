package dev.bulwark.llm;

import dev.bulwark.llm.gguf.SyntheticGguf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The tests' model: a tiny random-weight GGUF the tests write themselves into target/. */
public final class TinyModel {
  private static Path path;

  private TinyModel() {}

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
