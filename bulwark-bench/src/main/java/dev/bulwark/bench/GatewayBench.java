package dev.bulwark.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallConfig;
import dev.bulwark.gateway.BulwarkGateway;
import dev.bulwark.gateway.GatewaySettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code ./bulwark gateway} in front of a fake upstream that streams a fixed answer at once (so every millisecond
 * measured is the client's, the gateway's or the fake's, never a model's): {@code direct} is the client talking to the
 * fake (the baseline), {@code none} the gateway relaying with no scanner (its own cost: parsing and re-writing each
 * event, holding text to a sentence's end), {@code rules} the gateway with the rule scanners on the request and the answer, {@code
 * classifiers} the gateway adding the embedded Prompt Guard on the request and the embedded Llama Guard on the
 * answer (sentence by sentence), {@code classifiers-alongside} the same with the request forwarded while it is judged
 * ({@code --request-scan alongside}). {@code firstToken}: time from sending a streamed request to the first non-empty
 * {@code delta.content} (one client, which then reads the rest of the answer untimed); the added TTFT is its
 * difference to {@code direct}. {@code wholeStream}: 32
 * clients each reading whole streamed answers; requests per second (times {@link #TOKENS} for tokens per second).
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class GatewayBench {
  /** Content chunks per answer: the "tokens" of tokens per second, of about four characters each. */
  public static final int TOKENS = 200;
  private static final String SENTENCE = "The tram leaves at nine and stops near the old river bridge. ";

  @Param({"direct", "none", "rules", "classifiers", "classifiers-alongside"})
  public String target;

  private HttpServer upstream;
  private ExecutorService upstreamThreads;
  private Firewall firewall;
  private BulwarkGateway gateway;
  private HttpClient client;
  private URI url;
  private byte[] request;

  @Setup
  public void setUp() throws Exception {
    // Like a model server, the fake sends each token as soon as it has it: without TCP_NODELAY, Nagle's algorithm
    // would hold the second small write until the first is acknowledged (up to the receiver's 40 ms delayed ACK).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    List<byte[]> events = events();
    upstreamThreads = Executors.newFixedThreadPool(64);
    upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    upstream.setExecutor(upstreamThreads);
    upstream.createContext("/v1/chat/completions", ex -> answer(ex, events));
    upstream.start();
    URI upstreamUrl = URI.create("http://127.0.0.1:" + upstream.getAddress().getPort() + "/v1");
    request = ("{\"model\":\"tiny\",\"stream\":true,\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
        + "{\"role\":\"user\",\"content\":\"How do I get from the station to the castle by tram?\"}]}")
        .getBytes(StandardCharsets.UTF_8);
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    if (target.equals("direct")) {
      url = URI.create(upstreamUrl + "/chat/completions");
      return;
    }
    String roles = switch (target) {
      case "none" -> "roles:\n  user: []\n  assistant: []\n";
      case "rules" -> "roles:\n  user: [hidden-text, regex]\n  assistant: [hidden-text, regex, pii]\n";
      default -> "roles:\n  user: [prompt-guard, hidden-text, regex]\n  assistant: [llama-guard, hidden-text, regex, pii]\n";
    };
    firewall = Firewall.fromConfig(FirewallConfig.parse(roles + "  system: []\n  tool: []\n  memory: []\n", "gateway-bench.yaml"));
    GatewaySettings.RequestScan when = target.endsWith("-alongside")
        ? GatewaySettings.RequestScan.ALONGSIDE : GatewaySettings.RequestScan.BEFORE;
    gateway = BulwarkGateway.start(GatewaySettings.of(upstreamUrl).withAddress("127.0.0.1", 0).withRequestScan(when),
        firewall);
    url = URI.create(gateway.baseUrl() + "/chat/completions");
  }

  /** A role chunk, {@link #TOKENS} content chunks of about four characters, a finish chunk and [DONE]. */
  private static List<byte[]> events() {
    StringBuilder answer = new StringBuilder();
    while (answer.length() < TOKENS * 4) {
      answer.append(SENTENCE);
    }
    List<byte[]> out = new ArrayList<>();
    out.add(event("{\"role\":\"assistant\",\"content\":\"\"}", "null"));
    for (int i = 0; i < TOKENS; i++) {
      String piece = answer.substring(i * 4, i * 4 + 4);
      out.add(event("{\"content\":\"" + piece + "\"}", "null"));
    }
    out.add(event("{}", "\"stop\""));
    out.add("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    return out;
  }

  private static byte[] event(String delta, String finish) {
    return ("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
        + "\"model\":\"tiny\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]}\n\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void answer(HttpExchange ex, List<byte[]> events) throws IOException {
    ex.getRequestBody().readAllBytes();
    ex.getResponseHeaders().set("Content-Type", "text/event-stream");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      for (byte[] e : events) {
        out.write(e);
        out.flush(); // one write per token, as a model server sends them
      }
    } catch (IOException e) {
      // the client stopped reading (firstToken closes after the first token)
    }
  }

  @TearDown
  public void tearDown() {
    if (gateway != null) {
      gateway.close();
      firewall.close();
    }
    upstream.stop(0);
    upstreamThreads.shutdownNow();
  }

  private HttpResponse<InputStream> send() throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  /**
   * The rest of the answer {@link #firstToken} stopped reading at, read to its end after the measured time (a
   * per-invocation tear-down is not timed): the client behaves as a real one, and the gateway's judgement of the rest
   * of one answer does not share the cores with the next request's first token.
   */
  @State(Scope.Thread)
  public static class OpenAnswer {
    BufferedReader rest;

    @TearDown(Level.Invocation)
    public void readToTheEnd() throws IOException {
      if (rest != null) {
        try (BufferedReader in = rest) {
          while (in.readLine() != null) {
            // discarded: only the first token is measured
          }
        }
        rest = null;
      }
    }
  }

  /** Time to first token: from sending a streamed request to the first event with non-empty content. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Threads(1)
  public int firstToken(OpenAnswer answer) throws Exception {
    HttpResponse<InputStream> r = send();
    BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
    answer.rest = in;
    String line;
    while ((line = in.readLine()) != null) {
      int at = line.indexOf("\"content\":\"");
      if (at >= 0 && line.charAt(at + 11) != '"') {
        return line.length();
      }
    }
    throw new IllegalStateException("no content arrived from " + url);
  }

  /** 32 clients, each reading whole streamed answers: operations per second are requests per second. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(32)
  public long wholeStream() throws Exception {
    HttpResponse<InputStream> r = send();
    long bytes = 0;
    try (InputStream in = r.body()) {
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) > 0) {
        bytes += n;
      }
    }
    if (bytes < TOKENS) {
      throw new IllegalStateException("a short answer from " + url + ": " + bytes + " bytes");
    }
    return bytes;
  }
}
