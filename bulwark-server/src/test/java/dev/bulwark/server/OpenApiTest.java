package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.api.Endpoints;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** /openapi.json is a valid OpenAPI 3 document (checked by swagger-parser) that lists exactly the server's routes. */
class OpenApiTest {
  @Test
  void documentIsValidAndMatchesTheRoutes() throws Exception {
    String json;
    try (InputStream in = Endpoints.class.getResourceAsStream(Endpoints.OPENAPI_RESOURCE)) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    SwaggerParseResult result = new OpenAPIParser().readContents(json, null, null);
    assertThat(result.getMessages()).isEmpty();
    OpenAPI api = result.getOpenAPI();
    assertThat(api.getOpenapi()).startsWith("3.0");

    Set<String> documented = new TreeSet<>();
    for (Map.Entry<String, PathItem> e : api.getPaths().entrySet()) {
      e.getValue().readOperationsMap().forEach((method, op) -> {
        documented.add(method.name() + " " + e.getKey());
        assertThat(op.getResponses()).as(method + " " + e.getKey()).isNotEmpty();
        assertThat(op.getOperationId()).isNotBlank();
      });
    }
    Set<String> served = new TreeSet<>();
    try (TestServer s = TestServer.start()) {
      // The routes are what the running server dispatches on.
      for (String path : new String[] {"/v1/scan", "/v1/moderations", "/v1/code/scan", "/healthz", "/readyz",
          "/metrics", "/openapi.json"}) {
        TestServer.Response probe = s.send(java.net.http.HttpRequest.newBuilder(s.uri(path))
            .method("DELETE", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(probe.status()).as(path).isEqualTo(405);
        for (String m : probe.header("Allow").split(", ")) {
          served.add(m + " " + path);
        }
      }
      assertThat(s.get("/no-such-path").errorMessage()).contains("/v1/scan");
    }
    assertThat(documented).isEqualTo(served);
    // Every error type the server can send is in the document's Error schema.
    Schema<?> error = (Schema<?>) api.getComponents().getSchemas().get("Error").getProperties().get("error");
    Schema<?> types = (Schema<?>) error.getProperties().get("type");
    for (dev.bulwark.server.http.ErrorType t : dev.bulwark.server.http.ErrorType.values()) {
      assertThat(types.getEnum().stream().map(String::valueOf).toList()).as("Error.type enum").contains(t.id());
    }
  }
}
