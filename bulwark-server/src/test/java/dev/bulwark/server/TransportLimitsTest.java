package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The attacks of issue 15 played for real on loopback against a real server: slow headers, slow bodies, idle
 * keep-alive connections, over-limit bodies sent whole, header floods, too many connections, requests that take too
 * long. Each must end with an answer or a close, be counted in /metrics, and leave other clients served. The only
 * time bounds are liveness checks (an answer within seconds), never speed measurements.
 */
class TransportLimitsTest {
  private static final String RULES = "roles:\n  user: [hidden-text, regex]\n";
  private static final String SCAN = "{\"message\": {\"content\": \"a patient client\"}}";

  private static ServerSettings settings(ConnectionLimits limits) {
    return TestServer.settings().withCapacity(4, 64).withWarmUp(false).withConnectionLimits(limits);
  }

  private static long hits(TestServer s, String limit) {
    return sample(s, "bulwark_http_limit_hits_total{limit=\"" + limit + "\"}");
  }

  private static long sample(TestServer s, String series) {
    Matcher m = Pattern.compile(Pattern.quote(series) + " (\\d+)").matcher(s.server.metricsText());
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private static TestServer.Response scanWithin5s(TestServer s) {
    return s.send(HttpRequest.newBuilder(s.uri("/v1/scan")).timeout(Duration.ofSeconds(5))
        .POST(HttpRequest.BodyPublishers.ofString(SCAN)).build());
  }

  @Test
  void threeHundredSlowHeaderSocketsDoNotStopAnOrdinaryScan() throws Exception {
    // The attack: each socket sends the start of a request and then nothing. Its header timeout is long
    // enough that all 300 stay open while the ordinary client is served.
    ConnectionLimits limits = ConnectionLimits.defaults().withHeaderTimeout(Duration.ofSeconds(60));
    try (TestServer s = TestServer.start(settings(limits), RULES)) {
      List<RawHttp> slow = new ArrayList<>();
      try {
        for (int i = 0; i < 300; i++) {
          slow.add(new RawHttp(s.server.port()).send("POST /v1/scan HTTP/1.1\r\nHost: x\r\n"));
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sample(s, "bulwark_http_open_connections") < 300 && System.nanoTime() < end) {
          Thread.sleep(20);
        }
        assertThat(sample(s, "bulwark_http_open_connections")).isGreaterThanOrEqualTo(300);
        for (int i = 0; i < 3; i++) {
          TestServer.Response r = scanWithin5s(s);
          assertThat(r.status()).isEqualTo(200);
          assertThat(r.json().path("decision").asText()).isEqualTo("allow");
        }
        assertThat(s.get("/healthz").status()).isEqualTo(200);
      } finally {
        for (RawHttp c : slow) {
          c.close();
        }
      }
    }
  }

  @Test
  void slowHeadersAreAnswered408AndClosedByTheHeaderTimeout() throws Exception {
    ConnectionLimits limits = ConnectionLimits.defaults().withHeaderTimeout(Duration.ofMillis(500));
    try (TestServer s = TestServer.start(settings(limits), RULES)) {
      try (RawHttp partial = new RawHttp(s.server.port()); RawHttp silent = new RawHttp(s.server.port())) {
        partial.send("POST /v1/scan HTTP/1.1\r\nHost: x\r\nContent-Le");
        String answer = partial.readToClose();
        assertThat(RawHttp.statuses(answer)).containsExactly(408);
        assertThat(answer).containsIgnoringCase("Connection: close").contains("\"type\":\"request_timeout\"")
            .contains("--header-timeout");
        // A connection that never sends a byte is closed without an answer.
        assertThat(silent.readToClose()).isEmpty();
      }
      assertThat(hits(s, "header_timeout")).isGreaterThanOrEqualTo(2);
      assertThat(scanWithin5s(s).status()).isEqualTo(200);
    }
  }

  @Test
  void aBodyThatStopsArrivingIsCutByTheBodyTimeout() throws Exception {
    ConnectionLimits limits = ConnectionLimits.defaults().withBodyTimeout(Duration.ofMillis(500), 1024);
    try (TestServer s = TestServer.start(settings(limits), RULES)) {
      try (RawHttp slow = new RawHttp(s.server.port())) {
        slow.send("POST /v1/scan HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n{\"message\": ");
        String answer = slow.readToClose();
        assertThat(RawHttp.statuses(answer)).containsExactly(408);
        assertThat(answer).contains("too slowly").contains("--min-body-rate");
      }
      assertThat(hits(s, "body_timeout")).isEqualTo(1);
      // The connection is closed before it is counted as inactive: wait for the count.
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (sample(s, "bulwark_http_client_aborts_total{endpoint=\"/v1/scan\"}") == 0 && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertThat(sample(s, "bulwark_http_client_aborts_total{endpoint=\"/v1/scan\"}")).isEqualTo(1);
    }
  }

  @Test
  void aBodyDrippedBelowTheMinimumRateIsCutEvenThoughBytesKeepComing() throws Exception {
    // One byte every 100 ms never leaves a window empty, but is far below 1 KB/s.
    ConnectionLimits limits = ConnectionLimits.defaults().withBodyTimeout(Duration.ofMillis(500), 1024);
    try (TestServer s = TestServer.start(settings(limits), RULES)) {
      try (RawHttp drip = new RawHttp(s.server.port())) {
        drip.send("POST /v1/scan HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n");
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
          try {
            return drip.readToClose();
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
        for (int i = 0; i < 50 && !answer.isDone(); i++) {
          try {
            drip.send("x");
          } catch (java.io.IOException closed) {
            break;
          }
          Thread.sleep(100);
        }
        assertThat(RawHttp.statuses(answer.get(20, TimeUnit.SECONDS))).containsExactly(408);
      }
      assertThat(hits(s, "body_timeout")).isEqualTo(1);
    }
  }

  @Test
  void anIdleKeepAliveConnectionIsClosedByTheIdleTimeout() throws Exception {
    ConnectionLimits limits = ConnectionLimits.defaults().withIdleTimeout(Duration.ofMillis(300));
    try (TestServer s = TestServer.start(settings(limits), RULES)) {
      try (RawHttp c = new RawHttp(s.server.port())) {
        c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(c.readAnswers(1)).startsWith("HTTP/1.1 200");
        assertThat(c.readToClose()).isEmpty();
      }
      assertThat(hits(s, "idle_timeout")).isEqualTo(1);
    }
  }

  @Test
  void requestsThatTakeTooLongToSendAreCutByTheMaximumRequestTime() throws Exception {
    // The body arrives fast enough for the body timeout, but the whole request takes longer than allowed.
    ConnectionLimits limits = ConnectionLimits.defaults().withBodyTimeout(Duration.ofMillis(400), 1)
        .withMaxRequestTime(Duration.ofSeconds(1));
    try (TestServer s = TestServer.start(settings(limits), RULES)) {
      try (RawHttp slow = new RawHttp(s.server.port())) {
        slow.send("POST /v1/scan HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n");
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
          try {
            return slow.readToClose();
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
        for (int i = 0; i < 60 && !answer.isDone(); i++) {
          try {
            slow.send("xx");
          } catch (java.io.IOException closed) {
            break;
          }
          Thread.sleep(50);
        }
        String text = answer.get(20, TimeUnit.SECONDS);
        assertThat(RawHttp.statuses(text)).containsExactly(408);
        assertThat(text).contains("--max-request-time");
      }
      assertThat(hits(s, "request_time")).isEqualTo(1);
    }
  }

  @Test
  void anOverLimitBodySentWholeWithoutExpectStillReadsThe413() throws Exception {
    // What Python's urllib and requests do: the whole body in one go, then read. The JDK server reset these.
    ServerSettings settings = settings(ConnectionLimits.defaults()).withLimits(64 * 1024, Duration.ofSeconds(30), 100);
    try (TestServer s = TestServer.start(settings, RULES)) {
      byte[] body = new byte[4 << 20];
      java.util.Arrays.fill(body, (byte) 'a');
      for (String framing : List.of("Content-Length: " + body.length, "Transfer-Encoding: chunked")) {
        try (RawHttp c = new RawHttp(s.server.port())) {
          byte[] head = ("POST /v1/scan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + framing
              + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
          c.send(head);
          if (framing.startsWith("Transfer")) {
            for (int off = 0; off < body.length; off += 65_536) {
              c.send(Integer.toHexString(65_536) + "\r\n");
              c.send(java.util.Arrays.copyOfRange(body, off, off + 65_536));
              c.send("\r\n");
            }
            c.send("0\r\n\r\n");
          } else {
            c.send(body);
          }
          String answer = c.readToClose();
          assertThat(RawHttp.statuses(answer)).as(framing).containsExactly(413);
          assertThat(answer).contains("\"type\":\"payload_too_large\"").contains("65536 bytes")
              .containsIgnoringCase("Connection: close");
        }
      }
      assertThat(hits(s, "body_size")).isEqualTo(2);
      assertThat(sample(s, "bulwark_http_discarded_bytes_total")).isPositive();
      assertThat(sample(s, "bulwark_http_rejected_total{reason=\"payload_too_large\"}")).isEqualTo(2);
      assertThat(scanWithin5s(s).status()).isEqualTo(200);
    }
  }

  @Test
  void expectContinueGets413BeforeTheBodyOr100ThenTheAnswer() throws Exception {
    ServerSettings settings = settings(ConnectionLimits.defaults()).withLimits(64 * 1024, Duration.ofSeconds(30), 100);
    try (TestServer s = TestServer.start(settings, RULES)) {
      try (RawHttp c = new RawHttp(s.server.port())) {
        c.send("POST /v1/scan HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 10000000\r\n\r\n");
        String answer = c.readAnswers(1);
        assertThat(RawHttp.statuses(answer)).containsExactly(413);
      }
      try (RawHttp c = new RawHttp(s.server.port())) {
        c.send("POST /v1/scan HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: " + SCAN.length()
            + "\r\n\r\n");
        assertThat(c.readAnswers(1)).startsWith("HTTP/1.1 100 Continue");
        c.send(SCAN);
        assertThat(RawHttp.statuses(c.readAnswers(1))).containsExactly(200);
      }
    }
  }

  @Test
  void connectionsOverTheLimitAreRefusedAtOnce() throws Exception {
    ConnectionLimits limits = ConnectionLimits.defaults().withMaxConnections(8)
        .withHeaderTimeout(Duration.ofSeconds(60));
    try (TestServer s = TestServer.start(settings(limits), RULES)) {
      List<RawHttp> held = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          held.add(new RawHttp(s.server.port()));
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sample(s, "bulwark_http_open_connections") < 8 && System.nanoTime() < end) {
          Thread.sleep(10);
        }
        try (RawHttp extra = new RawHttp(s.server.port())) {
          String answer = extra.readToClose();
          assertThat(RawHttp.statuses(answer)).containsExactly(503);
          assertThat(answer).contains("\"type\":\"overloaded\"").contains("--max-connections")
              .contains("Retry-After: 1");
        }
        assertThat(hits(s, "max_connections")).isEqualTo(1);
      } finally {
        for (RawHttp c : held) {
          c.close();
        }
      }
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (sample(s, "bulwark_http_open_connections") > 0 && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertThat(scanWithin5s(s).status()).isEqualTo(200);
    }
  }

  @Test
  void headersOverTheLimitAre431AndALongRequestLine414() throws Exception {
    ConnectionLimits limits = ConnectionLimits.defaults().withMaxHeaderBytes(2048);
    try (TestServer s = TestServer.start(settings(limits), RULES)) {
      try (RawHttp c = new RawHttp(s.server.port())) {
        c.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Flood: " + "a".repeat(4000) + "\r\n\r\n");
        String answer = c.readToClose();
        assertThat(RawHttp.statuses(answer)).containsExactly(431);
        assertThat(answer).contains("\"type\":\"headers_too_large\"").contains("--max-header-bytes");
      }
      try (RawHttp c = new RawHttp(s.server.port())) {
        c.send("GET /healthz?" + "q".repeat(4000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(RawHttp.statuses(c.readToClose())).containsExactly(414);
      }
      assertThat(hits(s, "header_size")).isEqualTo(2);
      assertThat(s.get("/healthz").status()).isEqualTo(200);
    }
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    try (TestServer s = TestServer.start(settings(ConnectionLimits.defaults()), RULES)) {
      try (RawHttp c = new RawHttp(s.server.port())) {
        c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /v1/scan HTTP/1.1\r\nHost: x\r\nContent-Length: " + SCAN.length() + "\r\n\r\n" + SCAN
            + "GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n"
            + "GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n");
        String answers = c.readAnswers(4);
        assertThat(RawHttp.statuses(answers)).containsExactly(200, 200, 404, 200);
        assertThat(answers.indexOf("\"status\":\"ok\"")).isLessThan(answers.indexOf("\"decision\""));
        assertThat(answers.indexOf("not_found")).isLessThan(answers.indexOf("\"openapi\""));
        assertThat(answers).contains("\"decision\":\"allow\"");
      }
    }
  }

  @Test
  void garbageIsAnswered400InJsonAndClosed() throws Exception {
    try (TestServer s = TestServer.start(settings(ConnectionLimits.defaults()), RULES)) {
      for (String garbage : List.of("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003 not http\r\n\r\n",
          "POST /v1/scan HTTP/1.1\r\nHost: x\r\nContent-Length: 12\r\nContent-Length: 13\r\n\r\n{}",
          "POST /v1/scan HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
          "POST /v1/scan HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")) {
        try (RawHttp c = new RawHttp(s.server.port())) {
          String answer = c.send(garbage).readToClose();
          assertThat(RawHttp.statuses(answer)).as(garbage).containsExactly(400);
          assertThat(answer).contains("\"type\":\"bad_request\"").containsIgnoringCase("Connection: close");
        }
      }
      assertThat(scanWithin5s(s).status()).isEqualTo(200);
    }
  }
}
