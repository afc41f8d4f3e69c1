package dev.bulwark.classifier.metrics;

import java.util.Map;

/**
 * A detector's score on one labelled example, with the attributes reports slice by (language, category, source, ...).
 */
public record ScoredExample(String id, double score, boolean positive, Map<String, String> attributes) {

  public ScoredExample {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  public String attribute(String key) {
    return attributes.getOrDefault(key, "");
  }
}
