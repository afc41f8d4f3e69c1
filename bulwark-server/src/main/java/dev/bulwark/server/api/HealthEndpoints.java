package dev.bulwark.server.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.core.JsonText;
import dev.bulwark.server.http.Call;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;

/** {@code GET /healthz} (the process answers) and {@code GET /readyz} (models loaded and warmed up, not draining). */
final class HealthEndpoints {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private HealthEndpoints() {}

  static void health(Call call) throws IOException {
    call.respondJson(200, "{\"status\":\"ok\"}");
  }

  static void readiness(Call call, Readiness readiness) throws IOException {
    Readiness.Phase phase = readiness.phase();
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("status", phase.name().toLowerCase(Locale.ROOT));
      g.writeObjectFieldStart("components");
      for (Map.Entry<String, String> e : readiness.components().entrySet()) {
        g.writeStringField(e.getKey(), JsonText.clean(e.getValue()));
      }
      g.writeEndObject();
      if (phase != Readiness.Phase.READY) {
        g.writeObjectFieldStart("error");
        g.writeStringField("message", phase == Readiness.Phase.WARMING_UP
            ? "models are loading and warming up" : "the server is draining before it stops");
        g.writeStringField("type", "not_ready");
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    call.respondJson(phase == Readiness.Phase.READY ? 200 : 503, out.toString());
  }
}
