package dev.bulwark.classifier.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes labelled JSONL files; a bad line is an error naming the file and line. */
public final class LabelledData {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LabelledData() {}

  public static List<LabelledText> read(Path file) {
    List<LabelledText> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (IOException e) {
          throw new IllegalArgumentException(file + ":" + n + ": not valid JSON: " + e.getMessage().split("\n")[0]);
        }
        if (node == null || !node.isObject() || !node.path("text").isTextual()) {
          throw new IllegalArgumentException(file + ":" + n + ": expected an object with a string \"text\"");
        }
        String label = node.path("label").asText(null);
        if (label == null) {
          throw new IllegalArgumentException(file + ":" + n + ": missing \"label\" (benign, injection, jailbreak, or safe/unsafe)");
        }
        String id = node.path("id").asText("line-" + n);
        List<String> evidence = new ArrayList<>();
        node.path("evidence").forEach(e -> evidence.add(e.asText()));
        out.add(new LabelledText(id, node.get("text").asText(), label, node.path("category").asText(""),
            node.path("lang").asText(""), node.path("source").asText(""), node.path("role").asText(""), evidence));
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("file not found: " + file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
    return out;
  }

  public static void write(Path file, List<LabelledText> rows) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (LabelledText t : rows) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", t.id());
        o.put("text", t.text());
        o.put("label", t.label());
        o.put("category", t.category());
        o.put("lang", t.lang());
        o.put("source", t.source());
        o.put("role", t.role());
        if (!t.evidence().isEmpty()) {
          var ev = o.putArray("evidence");
          t.evidence().forEach(ev::add);
        }
        w.write(JSON.writeValueAsString(o));
        w.write('\n');
      }
    }
  }
}
