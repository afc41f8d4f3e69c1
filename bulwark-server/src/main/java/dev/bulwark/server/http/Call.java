package dev.bulwark.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.Decision;
import dev.bulwark.core.FirewallResult;
import dev.bulwark.core.MessageJson;
import dev.bulwark.core.ScanResult;
import dev.bulwark.server.HttpExchange;
import dev.bulwark.server.ResponseStream;
import dev.bulwark.server.metrics.ServerMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request being served: its body (already read whole by the transport, within the size limit), its deadline, and
 * the one answer it gets. The answer is collected here and written by the transport; methods keep {@link IOException}
 * in their signatures so endpoints need not care where the bytes go.
 */
public final class Call implements HttpExchange {
  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MessageJson.MAX_NESTING).build())
      // Two "messages" keys in one object are a client bug or a smuggling attempt, never intent.
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build())
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Request request;
  private final long deadlineNanos;
  private final ServerMetrics metrics;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private int status;
  private byte[] answer;
  private boolean closeConnection;
  private String keyId;
  private String decision;
  private List<String> decidingScanners = List.of();
  private Decision severest;  // guarded by this: the most severe verdict() so far
  private ResponseStream stream;
  private boolean streamEnded;  // guarded by this
  private volatile long responseBytes;  // written by the route's one thread only

  Call(Request request, long deadlineNanos, ServerMetrics metrics) {
    this.request = request;
    this.deadlineNanos = deadlineNanos;
    this.metrics = metrics;
  }

  public Request request() {
    return request;
  }

  @Override
  public String method() {
    return request.method();
  }

  @Override
  public String path() {
    return request.path();
  }

  @Override
  public String header(String name) {
    return request.header(name);
  }

  @Override
  public Optional<String> keyId() {
    return Optional.ofNullable(keyId);
  }

  void keyId(String id) {
    this.keyId = id;
  }

  @Override
  public void audit(String outcome, List<String> scanners) {
    this.decision = outcome;
    this.decidingScanners = List.copyOf(scanners);
  }

  @Override
  public void verdict(FirewallResult result) {
    metrics.recordScan(result);
    Decision d = result.decision();
    synchronized (this) {
      if (severest != null && !d.isStricterThan(severest)) {
        return;
      }
      severest = d;
    }
    audit(d.id(), d == Decision.ALLOW ? List.of() : result.results().stream()
        .filter(r -> r.decision() == d).map(ScanResult::scanner).distinct().toList());
  }

  /** The outcome an endpoint recorded for the audit log, or null. */
  String decision() {
    return decision;
  }

  List<String> decidingScanners() {
    return decidingScanners;
  }

  @Override
  public ResponseStream startStream(int code, String contentType) {
    if (status != 0) {
      throw new IllegalStateException("already answered with " + status);
    }
    status = code;
    headers.put("Content-Type", contentType);
    headers.put("Cache-Control", "no-cache");
    headers.put("X-Content-Type-Options", "nosniff");
    ResponseStream opened = request.channel().open(code, headers, closeConnection || !request.keepAlive());
    stream = new ResponseStream() {
      @Override
      public void write(byte[] bytes) {
        opened.write(bytes);
        responseBytes += bytes.length;
      }

      @Override
      public void end() {
        if (endStream()) {
          opened.end();
        }
      }
    };
    return stream;
  }

  /** True the first time only. */
  private synchronized boolean endStream() {
    boolean first = !streamEnded;
    streamEnded = true;
    return first;
  }

  /** A stream the route opened and never ended: the connection cannot be reused. */
  void abortUnendedStream() {
    if (stream != null && endStream()) {
      request.channel().abort();
    }
  }

  /** Bytes of the answer's body (so far, for a stream). */
  long responseBytes() {
    return stream != null ? responseBytes : answer == null ? 0 : answer.length;
  }

  @Override
  public boolean clientGone() {
    return request.channel().clientGone();
  }

  @Override
  public void onClientGone(Runnable action) {
    request.channel().onClientGone(action);
  }

  /** Nanoseconds left before the request's deadline (negative once past it). */
  @Override
  public long remainingNanos() {
    return deadlineNanos - System.nanoTime();
  }

  /** The status answered, or 0 before the answer. */
  public int status() {
    return status;
  }

  /** The request body (the transport has already refused bodies over the limit with 413). */
  @Override
  public byte[] body() {
    return request.body();
  }

  /**
   * The body as a JSON object.
   *
   * @throws ApiException 400 for a body that is empty, not UTF-8 or not JSON; 422 for JSON that is not an object
   */
  public JsonNode jsonObject() throws IOException {
    byte[] body = body();
    if (body.length == 0) {
      throw new ApiException(ErrorType.INVALID_JSON, "request body is empty; expected a JSON object");
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      String what = e.getOriginalMessage();
      if (what != null && what.length() > 200) {
        what = what.substring(0, 200) + "...";
      }
      throw new ApiException(ErrorType.INVALID_JSON, "request body is not valid JSON: " + what
          + (e.getLocation() != null ? " (at line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ")" : ""));
    }
    if (root == null || root.isMissingNode()) {
      throw new ApiException(ErrorType.INVALID_JSON, "request body is empty; expected a JSON object");
    }
    if (!root.isObject()) {
      throw new ApiException(ErrorType.INVALID_REQUEST, "request body must be a JSON object, found "
          + root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    return root;
  }

  public void respondJson(int code, String json) throws IOException {
    respond(code, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void respond(int code, String contentType, byte[] body) {
    if (status != 0) {
      throw new IllegalStateException("already answered with " + status);
    }
    status = code;
    headers.put("Content-Type", contentType.startsWith("application/json") || contentType.startsWith("text/")
        ? contentType + (contentType.contains("charset") ? "" : "; charset=utf-8") : contentType);
    headers.put("Cache-Control", "no-store");
    headers.put("X-Content-Type-Options", "nosniff");
    answer = body;
  }

  /** Asks the transport to close the connection after the answer. */
  public void closeConnection() {
    closeConnection = true;
  }

  public void header(String name, String value) {
    headers.put(name, value);
  }

  /** The answer given, or null before it. */
  Answer answer() {
    return status == 0 ? null
        : new Answer(status, headers, answer, closeConnection || !request.keepAlive(), stream != null);
  }
}
