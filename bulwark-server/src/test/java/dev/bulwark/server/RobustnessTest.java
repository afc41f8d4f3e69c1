package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Overload, deadlines, slow and vanishing clients, API keys and shutdown, each against a real server with a scanner
 * that takes a known time ({@code test-sleep}). No timing assertions beyond generous bounds on what must end.
 */
class RobustnessTest {
  /** Thread names of everything a server starts; none may outlive {@link BulwarkServer#close()}. */
  private static final List<String> SERVER_THREADS = List.of("bulwark-http", "bulwark-warmup",
      "bulwark-selected-scanner", "bulwark-scanner", "HTTP-Dispatcher", "idle-timeout-task", "req-rsp-timeout-task");

  private static final String SLEEPY = """
      scanners:
        nap:
          type: test-sleep
          millis: %d
      roles:
        user: [nap]
      """;

  @Test
  void fullQueueAnswers503WithRetryAfterAndEveryRequestGetsAnAnswer() throws Exception {
    ServerSettings settings = TestServer.settings().withCapacity(2, 2);
    try (TestServer s = TestServer.start(settings, SLEEPY.formatted(300))) {
      ExecutorService clients = Executors.newFixedThreadPool(24);
      try {
        List<CompletableFuture<TestServer.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
          calls.add(CompletableFuture.supplyAsync(
              () -> s.post("/v1/scan", "{\"message\": {\"content\": \"hello\"}}"), clients));
        }
        Map<Integer, Long> byStatus = calls.stream().map(CompletableFuture::join)
            .peek(r -> {
              if (r.status() == 503) {
                assertThat(r.errorType()).isEqualTo("overloaded");
                assertThat(r.header("Retry-After")).isEqualTo("1");
              }
            })
            .collect(Collectors.groupingBy(TestServer.Response::status, Collectors.counting()));
        assertThat(byStatus.keySet()).containsOnly(200, 503);
        assertThat(byStatus.get(200)).isGreaterThanOrEqualTo(4);
        assertThat(byStatus.get(503)).isPositive();
        assertThat(s.server.metricsText()).contains("bulwark_http_rejected_total{reason=\"overloaded\"}");
      } finally {
        clients.shutdownNow();
      }
      assertThat(s.post("/v1/scan", "{\"message\": {\"content\": \"after the storm\"}}").status()).isEqualTo(200);
    }
  }

  @Test
  void requestPastItsDeadlineIs504AndTheServerStaysUsable() throws Exception {
    ServerSettings settings = TestServer.settings().withLimits(1 << 20, Duration.ofMillis(300), 100);
    try (TestServer s = TestServer.start(settings, SLEEPY.formatted(1500))) {
      TestServer.Response r = s.post("/v1/scan", "{\"message\": {\"content\": \"slow\"}}");
      assertThat(r.status()).isEqualTo(504);
      assertThat(r.errorType()).isEqualTo("timeout");
      assertThat(r.errorMessage()).contains("300 ms");
      assertThat(s.get("/healthz").status()).isEqualTo(200);
    }
  }

  @Test
  void slowClientsAreCutOffAndDoNotStarveOthers() throws Exception {
    // More stalled connections than request threads: without the read timeout they would hold every thread forever.
    ServerSettings settings = TestServer.settings().withCapacity(4, 64);
    try (TestServer s = TestServer.start(settings, "preset: default\n")) {
      List<Socket> stalled = new ArrayList<>();
      try {
        for (int i = 0; i < 12; i++) {
          Socket socket = new Socket("127.0.0.1", s.server.port());
          socket.setSoTimeout(15_000);
          OutputStream out = socket.getOutputStream();
          if (i % 2 == 0) {
            out.write("POST /v1/scan HTTP/1.1\r\nHost: x\r\nContent-Le".getBytes(StandardCharsets.US_ASCII));
          } else {
            out.write(("POST /v1/scan HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"message\": ")
                .getBytes(StandardCharsets.US_ASCII));
          }
          out.flush();
          stalled.add(socket);
        }
        long start = System.nanoTime();
        for (Socket socket : stalled) {
          InputStream in = socket.getInputStream();
          byte[] buf = new byte[1024];
          int n;
          try {
            while ((n = in.read(buf)) >= 0) {
              assertThat(n).isNotNegative();
            }
          } catch (java.net.SocketException reset) {
            // A reset is as good as a close.
          }
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertThat(seconds).as("stalled connections closed by the read timeout").isLessThan(12);
        assertThat(s.post("/v1/scan", "{\"message\": {\"content\": \"a patient client\"}}").status()).isEqualTo(200);
      } finally {
        for (Socket socket : stalled) {
          socket.close();
        }
      }
    }
  }

  @Test
  void clientThatVanishesMidRequestCostsOnlyItsOwnExchange() throws Exception {
    try (TestServer s = TestServer.start(TestServer.settings(), SLEEPY.formatted(400))) {
      // Disconnects while sending its body.
      try (Socket socket = new Socket("127.0.0.1", s.server.port())) {
        socket.getOutputStream().write(("POST /v1/scan HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"mess")
            .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
      }
      // Disconnects while its scan runs.
      try (Socket socket = new Socket("127.0.0.1", s.server.port())) {
        String body = "{\"message\": {\"content\": \"hello\"}}";
        socket.getOutputStream().write(("POST /v1/scan HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length()
            + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        Thread.sleep(100);
      }
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!s.server.metricsText().contains("bulwark_http_client_aborts_total{endpoint=\"/v1/scan\"}")
          && System.nanoTime() < end) {
        Thread.sleep(50);
      }
      assertThat(s.server.metricsText()).contains("bulwark_http_client_aborts_total{endpoint=\"/v1/scan\"}");
      assertThat(s.post("/v1/scan", "{\"message\": {\"content\": \"next\"}}").status()).isEqualTo(200);
    }
  }

  @Test
  void apiKeysAreRequiredOnTheApiButNotOnProbes() throws Exception {
    String key = "k-0123456789abcdef";
    ServerSettings settings = TestServer.settings().withApiKeys(ApiKeys.of(List.of(key, "other-key-fedcba9876")));
    try (TestServer s = new TestServer(settings, dev.bulwark.core.FirewallConfig.defaults().withAllowMissingScanners(true))) {
      String body = "{\"message\": {\"content\": \"hello\"}}";
      TestServer.Response none = s.post("/v1/scan", body);
      assertThat(none.status()).isEqualTo(401);
      assertThat(none.errorType()).isEqualTo("unauthorized");
      assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
      TestServer.Response wrong = s.send(HttpRequest.newBuilder(s.uri("/v1/scan"))
          .header("Authorization", "Bearer k-0123456789abcdeX").POST(HttpRequest.BodyPublishers.ofString(body)).build());
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.body()).doesNotContain("0123456789");
      TestServer.Response right = s.send(HttpRequest.newBuilder(s.uri("/v1/scan"))
          .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString(body)).build());
      assertThat(right.status()).isEqualTo(200);
      assertThat(s.get("/metrics").status()).isEqualTo(401);
      assertThat(s.get("/healthz").status()).isEqualTo(200);
      assertThat(s.get("/openapi.json").status()).isEqualTo(200);
      assertThat(String.join("\n", s.log)).doesNotContain(key);
    }
  }

  @Test
  void closeDrainsInFlightRequestsAndLeavesNoThreadBehind() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    TestServer s = TestServer.start(TestServer.settings(), SLEEPY.formatted(800));
    s.awaitReady();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<CompletableFuture<TestServer.Response>> inFlight = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      inFlight.add(CompletableFuture.supplyAsync(() -> s.post("/v1/scan", "{\"message\": {\"content\": \"x\"}}"), clients));
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!s.server.metricsText().contains("bulwark_http_in_flight_requests 3") && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    CompletableFuture<Void> closing = CompletableFuture.runAsync(s::close);
    Thread.sleep(100);
    // While draining, new work is refused (or the listener is already closed).
    try {
      TestServer.Response late = s.post("/v1/scan", "{\"message\": {\"content\": \"late\"}}");
      assertThat(late.status()).isEqualTo(503);
      assertThat(late.errorType()).isEqualTo("shutting_down");
    } catch (java.io.UncheckedIOException refused) {
      // Connection refused after the listener closed: also a correct answer to a request that came too late.
    }
    closing.get(20, TimeUnit.SECONDS);
    for (CompletableFuture<TestServer.Response> f : inFlight) {
      assertThat(f.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
    }
    clients.shutdownNow();
    assertNoServerThreads(before);
  }

  @Test
  void manyServersStartedAndStoppedLeakNoThreads() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    for (int i = 0; i < 3; i++) {
      try (TestServer s = TestServer.start()) {
        s.post("/v1/scan", "{\"message\": {\"content\": \"hello\"}, \"scanners\": [\"pii\", \"regex\"]}");
        s.post("/v1/scan", "{\"message\": {\"content\": \"x\"}}");
        s.post("/v1/code/scan", "{\"code\": \"print(1)\"}");
        s.post("/v1/scan", "{broken");
      }
    }
    assertNoServerThreads(before);
  }

  private static void assertNoServerThreads(Set<Thread> before) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<String> left;
    do {
      left = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> !before.contains(t) && t.isAlive())
          .map(Thread::getName)
          .filter(n -> SERVER_THREADS.stream().anyMatch(n::startsWith))
          .toList();
      if (left.isEmpty()) {
        return;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < end);
    Map<String, Long> names = new ConcurrentHashMap<>();
    left.forEach(n -> names.merge(n.replaceAll("-\\d+$", ""), 1L, Long::sum));
    throw new AssertionError("threads left running after close(): " + names);
  }
}
