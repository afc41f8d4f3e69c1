package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The "Bad input" items of issue 15 that {@link TransportLimitsTest} and {@link TlsTest} do not play already: a
 * Content-Length that lies in either direction, a chunked body that never ends, a flood of many small headers. Each
 * ends with an answer or a close within its timeout, is counted, and an ordinary request on another connection is
 * served meanwhile.
 */
class HostileInputTest {
  private static final String RULES = "roles:\n  user: [hidden-text, regex]\n";
  private static final String SCAN = "{\"message\": {\"content\": \"a patient client\"}}";

  private static TestServer s;

  /** One server for every case (short header and body timeouts); counts are compared before and after each case. */
  @BeforeAll
  static void start() throws Exception {
    s = TestServer.start(TestServer.settings().withCapacity(4, 64).withWarmUp(false)
        .withConnectionLimits(ConnectionLimits.defaults().withHeaderTimeout(Duration.ofSeconds(1))
            .withBodyTimeout(Duration.ofMillis(500), 1024)), RULES);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static long hits(String limit) {
    return sample(s, "bulwark_http_limit_hits_total{limit=\"" + limit + "\"}");
  }

  private static long sample(TestServer s, String series) {
    Matcher m = Pattern.compile(Pattern.quote(series) + " (\\d+)").matcher(s.server.metricsText());
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private static void anotherClientIsServed(TestServer s) {
    TestServer.Response r = s.send(HttpRequest.newBuilder(s.uri("/v1/scan")).timeout(Duration.ofSeconds(5))
        .POST(HttpRequest.BodyPublishers.ofString(SCAN)).build());
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void aContentLengthLongerThanTheBodyEndsWithTheBodyTimeout() throws Exception {
    long before = hits("body_timeout");
    try (RawHttp liar = new RawHttp(s.server.port())) {
      liar.send("POST /v1/scan HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + SCAN);
      anotherClientIsServed(s);
      String answer = liar.readToClose();
      assertThat(RawHttp.statuses(answer)).containsExactly(408);
      assertThat(hits("body_timeout")).isEqualTo(before + 1);
    }
  }

  @Test
  void aContentLengthShorterThanTheBodyLeavesBytesThatAreAnsweredAsABadRequest() throws Exception {
    String bad = "bulwark_http_requests_total{endpoint=\"/v1/scan\",code=\"400\"}";
    long before = sample(s, bad);
    try (RawHttp liar = new RawHttp(s.server.port())) {
      // The declared 10 bytes are a request of their own (not JSON: 400); the rest is not HTTP: 400 and close.
      liar.send("POST /v1/scan HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n" + SCAN + "\r\n\r\n");
      String answer = liar.readToClose();
      assertThat(RawHttp.statuses(answer)).containsExactly(400, 400);
      assertThat(answer).contains("\"type\":\"invalid_json\"").contains("\"type\":\"bad_request\"");
      assertThat(sample(s, bad)).isEqualTo(before + 1);
      anotherClientIsServed(s);
    }
  }

  @Test
  void aChunkedBodyThatStopsIsCutByTheBodyTimeoutAndOneThatNeverEndsByTheBodyLimit() throws Exception {
    long timeouts = hits("body_timeout");
    long sizes = hits("body_size");
    {
      try (RawHttp stalled = new RawHttp(s.server.port())) {
        stalled.send("POST /v1/scan HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"mes\r\n");
        anotherClientIsServed(s);
        assertThat(RawHttp.statuses(stalled.readToClose())).containsExactly(408);
      }
      try (RawHttp endless = new RawHttp(s.server.port())) {
        endless.send("POST /v1/scan HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
        String chunk = Integer.toHexString(65_536) + "\r\n" + "a".repeat(65_536) + "\r\n";
        int sent = 0;
        try {
          while (sent < 64) {   // 4 MB: past the 1 MB body limit, far short of the lingering bound
            endless.send(chunk);
            sent++;
          }
        } catch (java.io.IOException closedAfterTheAnswer) {
          // the server may close once it has dropped what it lingers for
        }
        assertThat(RawHttp.statuses(endless.readToClose())).containsExactly(413);
      }
      assertThat(hits("body_timeout")).isEqualTo(timeouts + 1);
      assertThat(hits("body_size")).isEqualTo(sizes + 1);
      anotherClientIsServed(s);
    }
  }

  @Test
  void aFloodOfSmallHeadersIs431() throws Exception {
    long before = hits("header_size");
    try (RawHttp flood = new RawHttp(s.server.port())) {
      StringBuilder headers = new StringBuilder("GET /healthz HTTP/1.1\r\nHost: x\r\n");
      for (int i = 0; i < 5_000; i++) {
        headers.append("X-").append(i).append(": y\r\n");
      }
      try {
        flood.send(headers.append("\r\n").toString());
      } catch (java.io.IOException closedAfterTheAnswer) {
        // the answer is already on its way
      }
      String answer = flood.readToClose();
      assertThat(RawHttp.statuses(answer)).containsExactly(431);
      assertThat(hits("header_size")).isEqualTo(before + 1);
      anotherClientIsServed(s);
    }
  }

  @Test
  void nonHttpBytesAreAnswered400AndClosedWithoutAffectingOthers() throws Exception {
    try (RawHttp junk = new RawHttp(s.server.port())) {
      byte[] binary = new byte[4096];
      new java.util.Random(15).nextBytes(binary);
      binary[0] = 0x16; // looks like the start of a TLS record
      junk.send(binary);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      String answer = junk.readToClose();
      assertThat(System.nanoTime()).isLessThan(end);
      assertThat(RawHttp.statuses(answer)).containsExactly(400);
      anotherClientIsServed(s);
    }
  }
}
