package dev.bulwark.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.FirewallConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A real server on a free loopback port, and a client that speaks to it. */
final class TestServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

  final BulwarkServer server;
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();

  TestServer(ServerSettings settings, FirewallConfig config) throws IOException {
    this.server = BulwarkServer.start(settings, config, log::add);
  }

  static ServerSettings settings() {
    return ServerSettings.defaults().withAddress("127.0.0.1", 0).withCapacity(8, 16)
        .withTimeouts(READ_TIMEOUT, Duration.ofSeconds(5));
  }

  /** The default configuration; bulwark-server's class path has no prompt-guard, so it is skipped (with a note). */
  static TestServer start() throws IOException {
    return new TestServer(settings(), FirewallConfig.defaults().withAllowMissingScanners(true));
  }

  static TestServer start(ServerSettings settings, String yaml) throws IOException {
    return new TestServer(settings, FirewallConfig.parse(yaml, "test.yaml").withAllowMissingScanners(true));
  }

  URI uri(String path) {
    return server.baseUrl().resolve(path);
  }

  Response post(String path, String body) {
    return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json").build());
  }

  Response get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  void awaitReady() throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!server.ready() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    if (!server.ready()) {
      throw new AssertionError("server not ready after 60 s; log: " + new ArrayList<>(log));
    }
  }

  @Override
  public void close() {
    server.close();
  }

  record Response(int status, String body, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    String errorType() {
      return json().path("error").path("type").asText();
    }

    String errorMessage() {
      return json().path("error").path("message").asText();
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }
}
