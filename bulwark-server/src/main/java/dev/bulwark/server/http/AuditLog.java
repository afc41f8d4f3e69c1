package dev.bulwark.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * One JSON line per API request: when, which key (its id, never the key), which endpoint, the answer's status, the
 * decision and the scanners that made it, latency, sizes, and the SHA-256 of the request body. Never the content
 * itself. Lines are written and flushed one at a time, so a line is whole even if the process dies after it.
 */
public final class AuditLog implements AutoCloseable {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private final OutputStream out;
  private final boolean closeOut;

  private AuditLog(OutputStream out, boolean closeOut) {
    this.out = out;
    this.closeOut = closeOut;
  }

  /**
   * Appends to {@code target}, or writes to standard output when it is {@code -}.
   *
   * @throws IOException when the file cannot be opened for appending
   */
  public static AuditLog open(Path target) throws IOException {
    if (target.toString().equals("-")) {
      return new AuditLog(new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
          StandardCharsets.UTF_8), false);
    }
    return new AuditLog(Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
        StandardOpenOption.WRITE), true);
  }

  /** Writes the line of one answered request. */
  void record(Call call, String endpoint, long latencyNanos) {
    byte[] body = call.request().body();
    StringWriter line = new StringWriter(256);
    try (JsonGenerator g = FACTORY.createGenerator(line)) {
      g.writeStartObject();
      g.writeStringField("time", Instant.now().toString());
      g.writeStringField("key", call.keyId().orElse(null));
      g.writeStringField("method", call.request().method());
      g.writeStringField("endpoint", endpoint);
      g.writeNumberField("status", call.status());
      g.writeStringField("decision", call.decision());
      g.writeArrayFieldStart("scanners");
      for (String s : call.decidingScanners()) {
        g.writeString(s);
      }
      g.writeEndArray();
      g.writeNumberField("latency_ms", Math.round(latencyNanos / 1e4) / 100.0);
      g.writeNumberField("request_bytes", body.length);
      g.writeNumberField("response_bytes", call.responseBytes());
      g.writeStringField("content_sha256", body.length == 0 ? null : sha256(body));
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    line.append('\n');
    byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
    synchronized (this) {
      try {
        out.write(bytes);
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the audit log: " + e.getMessage(), e);
      }
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.flush();
      if (closeOut) {
        out.close();
      }
    } catch (IOException ignored) {
      // closing at shutdown: nothing left to do with the error
    }
  }
}
