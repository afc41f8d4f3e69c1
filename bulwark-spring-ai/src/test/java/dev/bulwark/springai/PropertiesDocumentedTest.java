package dev.bulwark.springai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every {@code bulwark.*} property (from the metadata Spring's processor generates) is in docs/INTEGRATIONS.md. */
class PropertiesDocumentedTest {
  @Test
  void everyPropertyIsDocumented() throws Exception {
    JsonNode metadata;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("configuration metadata generated at compile time").isNotNull();
      metadata = new ObjectMapper().readTree(in);
    }
    String doc = Files.readString(Path.of("..", "docs", "INTEGRATIONS.md"));
    assertThat(metadata.path("properties").size()).isGreaterThanOrEqualTo(9);
    for (JsonNode p : metadata.path("properties")) {
      assertThat(doc).as("INTEGRATIONS.md documents %s", p.path("name").asText()).contains("`" + p.path("name").asText() + "`");
    }
  }
}
