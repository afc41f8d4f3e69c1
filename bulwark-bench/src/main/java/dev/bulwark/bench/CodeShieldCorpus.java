package dev.bulwark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The insecure-code dev corpus (shared/datasets/insecure-code/dev.jsonl) as (code, language) pairs for the benches. */
final class CodeShieldCorpus {
  record Snippet(String code, String language) {}

  private CodeShieldCorpus() {}

  static List<Snippet> load() {
    Path file = locate();
    List<Snippet> out = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = mapper.readTree(line);
        String lang = n.path("language").asText("any");
        out.add(new Snippet(n.path("code").asText(), lang.equals("any") ? null : lang));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }

  private static Path locate() {
    String explicit = System.getProperty("bulwark.codeshield.corpus", System.getenv("BULWARK_CODESHIELD_CORPUS"));
    if (explicit != null) {
      return Path.of(explicit);
    }
    return SharedDatasets.find("insecure-code/dev.jsonl").orElseThrow(() -> new IllegalStateException("the Code Shield benches need shared/datasets/insecure-code/dev.jsonl next to the "
        + "checkout, or -Dbulwark.codeshield.corpus=FILE (same JSONL format)"));
  }
}
