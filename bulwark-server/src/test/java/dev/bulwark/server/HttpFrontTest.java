package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HttpFront} with endpoints of its own, as the gateway uses it: whole and streamed answers, keep-alive after a
 * stream, the front's own /metrics and /healthz, its API keys, and a client that leaves mid-stream. Real Netty server,
 * JDK HttpClient, curl when installed.
 */
class HttpFrontTest {
  @TempDir Path dir;

  private static final HttpEndpoint ECHO = new HttpEndpoint("POST", "/v1/echo", true,
      x -> x.respond(200, "text/plain", x.body()));

  private static HttpEndpoint ticker(CountDownLatch gone) {
    return new HttpEndpoint("GET", "/v1/ticks", true, x -> {
      ResponseStream out = x.startStream(200, "text/event-stream");
      x.onClientGone(gone::countDown);
      int n = x.path().isEmpty() ? 0 : 3;
      String forever = x.header("X-Forever");
      for (int i = 0; forever != null ? !x.clientGone() && i < 10_000 : i < n; i++) {
        out.write(("data: tick " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
        if (forever != null) {
          sleep(5);
        }
      }
      out.end();
    });
  }

  @Test
  void servesWholeAndStreamedAnswersOnOneKeptAliveConnection() throws Exception {
    CountDownLatch gone = new CountDownLatch(1);
    try (HttpFront front = HttpFront.start(ServerSettings.defaults().withAddress("127.0.0.1", 0),
        List.of(ECHO, ticker(gone)), line -> { })) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (int round = 0; round < 2; round++) {
        HttpResponse<String> echo = client.send(HttpRequest.newBuilder(front.baseUrl().resolve("/v1/echo"))
            .POST(HttpRequest.BodyPublishers.ofString("hello " + round)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(echo.body()).isEqualTo("hello " + round);
        HttpResponse<String> ticks = client.send(HttpRequest.newBuilder(front.baseUrl().resolve("/v1/ticks")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(ticks.statusCode()).isEqualTo(200);
        assertThat(ticks.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(ticks.body()).isEqualTo("data: tick 0\n\ndata: tick 1\n\ndata: tick 2\n\n");
      }
      assertThat(client.send(HttpRequest.newBuilder(front.baseUrl().resolve("/healthz")).build(),
          HttpResponse.BodyHandlers.ofString()).body()).contains("ok");
      assertThat(front.metricsText()).contains("bulwark_http_requests_total{endpoint=\"/v1/ticks\",code=\"200\"} 2")
          .contains("bulwark_http_requests_total{endpoint=\"/v1/echo\",code=\"200\"} 2");
      assertThat(client.send(HttpRequest.newBuilder(front.baseUrl().resolve("/nowhere")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void aClientThatLeavesMidStreamIsNoticedAtOnce() throws Exception {
    CountDownLatch gone = new CountDownLatch(1);
    try (HttpFront front = HttpFront.start(ServerSettings.defaults().withAddress("127.0.0.1", 0),
        List.of(ticker(gone)), line -> { })) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(front.baseUrl().resolve("/v1/ticks"))
          .header("X-Forever", "yes").build(), HttpResponse.BodyHandlers.ofInputStream());
      try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
        assertThat(in.readLine()).isEqualTo("data: tick 0");
      }
      assertThat(gone.await(10, TimeUnit.SECONDS)).as("the endpoint heard that its client left").isTrue();
    }
  }

  @Test
  void apiKeysQuotasAndMetricsGuardTheFrontsEndpoints() throws Exception {
    Path keys = dir.resolve("keys");
    Files.writeString(keys, "front-key-0123456789 id=front rate=0.01 burst=1\n");
    try (HttpFront front = HttpFront.start(ServerSettings.defaults().withAddress("127.0.0.1", 0)
        .withApiKeys(ApiKeys.fromFile(keys)), List.of(ECHO), line -> { })) {
      HttpClient client = HttpClient.newHttpClient();
      HttpRequest.Builder echo = HttpRequest.newBuilder(front.baseUrl().resolve("/v1/echo"))
          .POST(HttpRequest.BodyPublishers.ofString("hi"));
      assertThat(client.send(echo.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
      echo.header("Authorization", "Bearer front-key-0123456789");
      assertThat(client.send(echo.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      HttpResponse<String> limited = client.send(echo.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).isPresent();
      assertThat(client.send(HttpRequest.newBuilder(front.baseUrl().resolve("/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void curlReadsAStreamedAnswer() throws Exception {
    assumeTrue(new ProcessBuilder("curl", "--version").start().waitFor() == 0, "curl is not installed");
    CountDownLatch gone = new CountDownLatch(1);
    try (HttpFront front = HttpFront.start(ServerSettings.defaults().withAddress("127.0.0.1", 0),
        List.of(ticker(gone)), line -> { })) {
      Process curl = new ProcessBuilder("curl", "-sS", "-N", "--max-time", "20",
          front.baseUrl().resolve("/v1/ticks").toString()).redirectErrorStream(true).start();
      String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(curl.waitFor()).as(out).isZero();
      assertThat(out).isEqualTo("data: tick 0\n\ndata: tick 1\n\ndata: tick 2\n\n");
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
