package dev.bulwark.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Hugging Face sequence-classification model exported to ONNX: a directory with {@code model.onnx},
 * {@code tokenizer.json} and {@code config.json} (whose {@code id2label} names the classes). Checked when opened, so a
 * missing file or a config without labels is reported by name before any native code runs.
 *
 * @param dir the directory
 * @param labels class names in output order (index i is {@code id2label[i]})
 * @param maxPositions the model's longest input in tokens, special tokens included
 */
public record ModelDirectory(Path dir, List<String> labels, int maxPositions) {
  public static final String MODEL = "model.onnx";
  public static final String TOKENIZER = "tokenizer.json";
  public static final String CONFIG = "config.json";

  public ModelDirectory {
    labels = List.copyOf(labels);
  }

  public Path model() {
    return dir.resolve(MODEL);
  }

  public Path tokenizer() {
    return dir.resolve(TOKENIZER);
  }

  /** Checks the directory and reads {@code config.json}. */
  public static ModelDirectory open(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ClassifierException("model directory not found: " + dir);
    }
    List<String> missing = new ArrayList<>();
    for (String f : List.of(MODEL, TOKENIZER, CONFIG)) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        missing.add(f);
      }
    }
    if (!missing.isEmpty()) {
      throw new ClassifierException("model directory " + dir + " is missing " + String.join(", ", missing)
          + " (a Hugging Face sequence-classification export needs model.onnx, tokenizer.json and config.json)");
    }
    Path configFile = dir.resolve(CONFIG);
    JsonNode config;
    try {
      config = new ObjectMapper().readTree(configFile.toFile());
    } catch (IOException e) {
      throw new ClassifierException(configFile + ": not valid JSON: " + e.getMessage(), e);
    }
    JsonNode id2label = config == null ? null : config.get("id2label");
    if (id2label == null || !id2label.isObject() || id2label.isEmpty()) {
      throw new ClassifierException(configFile + ": no 'id2label' mapping; a sequence-classification config names its classes there, e.g. {\"0\": \"BENIGN\", \"1\": \"MALICIOUS\"}");
    }
    Map<Integer, String> byId = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : id2label.properties()) {
      try {
        byId.put(Integer.parseInt(e.getKey().trim()), e.getValue().asText());
      } catch (NumberFormatException ex) {
        throw new ClassifierException(configFile + ": id2label key '" + e.getKey() + "' is not a class index");
      }
    }
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < byId.size(); i++) {
      String label = byId.get(i);
      if (label == null) {
        throw new ClassifierException(configFile + ": id2label must number its classes 0.." + (byId.size() - 1) + ", found " + byId.keySet());
      }
      labels.add(label);
    }
    int maxPositions = config.path("max_position_embeddings").asInt(512);
    if (maxPositions <= 2) {
      maxPositions = 512;
    }
    return new ModelDirectory(dir, labels, Math.min(maxPositions, 512));
  }
}
