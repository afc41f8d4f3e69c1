package dev.bulwark.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.core.JsonText;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The one error shape of the API: {@code {"error": {"message": "...", "type": "..."}}}, plus OpenAI's {@code param}
 * and {@code code} where an OpenAI-shaped request needs them.
 */
public final class ErrorJson {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private ErrorJson() {}

  public static String of(ErrorType type, String message) {
    return of(type, message, null, null);
  }

  /** With OpenAI's {@code param} and {@code code} fields, written only when given. */
  public static String of(ErrorType type, String message, String param, String code) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeObjectFieldStart("error");
      g.writeStringField("message", JsonText.clean(message));
      g.writeStringField("type", type.id());
      if (param != null) {
        g.writeStringField("param", param);
      }
      if (code != null) {
        g.writeStringField("code", code);
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
