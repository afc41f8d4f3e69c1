package dev.bulwark.codeshield;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.core.JsonText;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The JSON shape of a {@link CodeShieldResult}, shared by the CLI and the HTTP {@code /v1/code/scan} endpoint:
 * {@code {"insecure", "treatment", "issues": [...], "languages", "language_agnostic_only", "notes"}}.
 */
public final class CodeShieldJson {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private CodeShieldJson() {}

  public static String toJson(CodeShieldResult result) {
    StringWriter out = new StringWriter(256);
    write(out, result);
    return out.toString();
  }

  public static void write(Writer out, CodeShieldResult result) {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      write(g, result);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(JsonGenerator g, CodeShieldResult result) throws IOException {
    g.writeStartObject();
    g.writeBooleanField("insecure", result.insecure());
    g.writeStringField("treatment", result.treatment().id());
    g.writeArrayFieldStart("issues");
    for (Issue i : result.issues()) {
      writeIssue(g, i);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("languages");
    for (Language l : result.languages()) {
      g.writeString(l.id());
    }
    g.writeEndArray();
    g.writeBooleanField("language_agnostic_only", result.languageAgnosticOnly());
    g.writeArrayFieldStart("notes");
    for (String n : result.notes()) {
      g.writeString(JsonText.clean(n));
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  public static void writeIssue(JsonGenerator g, Issue i) throws IOException {
    g.writeStartObject();
    g.writeStringField("rule", i.rule());
    g.writeStringField("cwe", i.cwe());
    g.writeStringField("severity", i.severity().id());
    g.writeNumberField("line", i.line());
    g.writeNumberField("column", i.column());
    g.writeNumberField("start", i.start());
    g.writeNumberField("end", i.end());
    if (i.language() != null) {
      g.writeStringField("language", i.language().id());
    } else {
      g.writeNullField("language");
    }
    g.writeStringField("snippet", JsonText.clean(i.snippet()));
    g.writeStringField("description", JsonText.clean(i.description()));
    g.writeStringField("fix", JsonText.clean(i.fix()));
    g.writeEndObject();
  }
}
