package dev.bulwark.core;

import dev.bulwark.core.JsonText;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.core.Finding;
import dev.bulwark.core.FirewallResult;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.Status;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes results in the JSON shapes of the contracts: a batch output line, the {@code scan --format json} object and
 * the HTTP {@code /v1/scan} body share one writer so the field names cannot drift apart.
 */
public final class ResultJson {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  /** Which optional fields to write. */
  public enum Shape {
    /** {@code batch} line: id, decision, score, status, findings, error. */
    BATCH_LINE,
    /** {@code scan --format json}: the batch fields plus reason and per-scanner results. */
    SCAN,
    /** {@code POST /v1/scan}: decision, score, reason, status, index, results, findings. */
    HTTP
  }

  private ResultJson() {}

  public static String toJson(String id, FirewallResult result, Shape shape) {
    StringWriter out = new StringWriter(256);
    write(out, id, result, shape);
    return out.toString();
  }

  public static void write(Writer out, String id, FirewallResult result, Shape shape) {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      write(g, id, result, shape);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(JsonGenerator g, String id, FirewallResult result, Shape shape) throws IOException {
    g.writeStartObject();
    if (id != null) {
      g.writeStringField("id", JsonText.clean(id));
    }
    g.writeStringField("decision", result.decision().id());
    g.writeNumberField("score", round(result.score()));
    g.writeStringField("status", result.status().id());
    if (shape != Shape.BATCH_LINE) {
      g.writeStringField("reason", JsonText.clean(result.reason()));
    }
    if (shape == Shape.HTTP) {
      if (result.index() >= 0) {
        g.writeNumberField("index", result.index());
      } else {
        g.writeNullField("index");
      }
    }
    g.writeArrayFieldStart("findings");
    for (Finding f : result.findings()) {
      writeFinding(g, f);
    }
    g.writeEndArray();
    if (result.status().isFailure() && result.error() != null) {
      g.writeStringField("error", JsonText.clean(result.error()));
    }
    if (shape != Shape.BATCH_LINE) {
      g.writeArrayFieldStart("results");
      for (ScanResult r : result.results()) {
        writeScanResult(g, r);
      }
      g.writeEndArray();
      g.writeNumberField("elapsed_ms", round(result.elapsed().toNanos() / 1e6));
    }
    g.writeEndObject();
  }

  public static void writeScanResult(JsonGenerator g, ScanResult r) throws IOException {
    g.writeStartObject();
    g.writeStringField("scanner", JsonText.clean(r.scanner()));
    g.writeStringField("decision", r.decision().id());
    g.writeNumberField("score", round(r.score()));
    g.writeStringField("reason", JsonText.clean(r.reason()));
    g.writeStringField("status", r.status().id());
    g.writeArrayFieldStart("findings");
    for (Finding f : r.findings()) {
      writeFinding(g, f);
    }
    g.writeEndArray();
    g.writeNumberField("elapsed_ms", round(r.elapsed().toNanos() / 1e6));
    if (r.error() != null) {
      g.writeStringField("error", JsonText.clean(r.error()));
    }
    g.writeEndObject();
  }

  public static void writeFinding(JsonGenerator g, Finding f) throws IOException {
    g.writeStartObject();
    g.writeStringField("rule", JsonText.clean(f.rule()));
    writeNullable(g, "category", f.category());
    writeNullable(g, "line", f.line());
    writeNullable(g, "start", f.start());
    writeNullable(g, "end", f.end());
    writeNullable(g, "severity", f.severity() == null ? null : f.severity().id());
    g.writeStringField("message", JsonText.clean(f.message()));
    g.writeEndObject();
  }

  /** A batch line for an input line that could not be scanned at all. */
  public static String errorLine(String id, String error) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      if (id != null) {
        g.writeStringField("id", JsonText.clean(id));
      } else {
        g.writeNullField("id");
      }
      g.writeStringField("decision", "allow");
      g.writeNumberField("score", 0.0);
      g.writeStringField("status", Status.ERROR.id());
      g.writeArrayFieldStart("findings");
      g.writeEndArray();
      g.writeStringField("error", JsonText.clean(error));
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void writeNullable(JsonGenerator g, String name, Object value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else if (value instanceof Integer i) {
      g.writeNumberField(name, i);
    } else {
      g.writeStringField(name, JsonText.clean(value.toString()));
    }
  }

  /** Six decimals: enough to rank, short enough to read. Every output of a score rounds through here. */
  public static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
