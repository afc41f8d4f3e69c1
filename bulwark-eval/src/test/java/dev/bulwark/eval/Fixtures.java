package dev.bulwark.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The checked-in fixtures (written for these tests: no upstream data) and helpers to read results. */
final class Fixtures {
  static final ObjectMapper JSON = new ObjectMapper();

  private Fixtures() {}

  /** Copies {@code cyberseceval/NAME} from the test resources into {@code dir}. */
  static Path copy(String name, Path dir) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/cyberseceval/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      Path p = dir.resolve(name);
      Files.createDirectories(dir);
      Files.copy(in, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
