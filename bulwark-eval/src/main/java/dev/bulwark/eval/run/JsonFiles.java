package dev.bulwark.eval.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bulwark.eval.EvalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes result files whole or not at all (a temporary file moved into place), so a crash leaves no half file. */
final class JsonFiles {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonFiles() {}

  static void write(Path file, Object value) {
    try {
      writeBytes(file, JSON.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new EvalException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  static void writeText(Path file, String text) {
    try {
      writeBytes(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new EvalException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void writeBytes(Path file, byte[] bytes) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
