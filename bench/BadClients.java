import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hostile clients for the soak of bench/load.sh --soak N --bad (docs/PERFORMANCE.md, "HTTP server"): beside the good
 * clients (wrk), one thread per kind of bad client, each repeating its misdeed until the time is up:
 *
 *   malformed  a body that is not JSON                          (the server should answer 400)
 *   huge       a 64 MB body sent whole, without 100-continue     (413, read after the whole body was sent)
 *   slow-body  a body dripped one byte every 2 s                 (408 once the body timeout passes)
 *   reset      half a body, then a TCP reset                     (nothing to read: the server counts an abort)
 *   trace      a 10,000-message trace                            (413: over --max-messages)
 *   headers    a request line and then nothing                   (408 once the header timeout passes)
 *
 * Loopback only, bounded in time. Prints one line per kind: how often it ran and what it got back (the status code,
 * "closed" when the connection ended without an answer, "reset" when it was reset).
 *
 *   java bench/BadClients.java PORT SECONDS
 */
public class BadClients {
  private static final Map<String, LongAdder> OUTCOMES = new ConcurrentHashMap<>();

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    long end = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
    InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
    StringBuilder trace = new StringBuilder("{\"messages\": [");
    for (int i = 0; i < 10_000; i++) {
      trace.append(i == 0 ? "" : ",").append("{\"role\": \"user\", \"content\": \"message ").append(i).append("\"}");
    }
    byte[] traceBody = trace.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    Map<String, Kind> kinds = Map.of(
        "malformed", s -> post(s, "/v1/scan", "{\"message\": {\"content\": ".getBytes(StandardCharsets.UTF_8)),
        "huge", BadClients::huge,
        "slow-body", BadClients::slowBody,
        "reset", BadClients::reset,
        "trace", s -> post(s, "/v1/scan", traceBody),
        "headers", BadClients::stalledHeaders);
    Thread[] threads = kinds.entrySet().stream().map(e -> new Thread(() -> loop(e.getKey(), e.getValue(), server, end),
        "bad-" + e.getKey())).toArray(Thread[]::new);
    for (Thread t : threads) {
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    Map<String, Long> sorted = new TreeMap<>();
    OUTCOMES.forEach((k, v) -> sorted.put(k, v.sum()));
    StringBuilder line = new StringBuilder("BAD");
    sorted.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
    System.out.println(line);
  }

  interface Kind {
    String run(Socket socket) throws IOException, InterruptedException;
  }

  private static void loop(String name, Kind kind, InetSocketAddress server, long end) {
    while (System.nanoTime() < end) {
      String outcome;
      try (Socket s = new Socket()) {
        s.connect(server, 5_000);
        s.setSoTimeout(30_000);
        outcome = kind.run(s);
      } catch (SocketTimeoutException e) {
        outcome = "no-answer-in-30s";
      } catch (IOException e) {
        outcome = e.getMessage() != null && e.getMessage().contains("reset") ? "reset" : "io-error";
      } catch (InterruptedException e) {
        return;
      }
      OUTCOMES.computeIfAbsent(name + ":" + outcome, k -> new LongAdder()).increment();
      pause(name.equals("huge") ? 2_000 : 200);
    }
  }

  private static String post(Socket s, String path, byte[] body) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(head(path, body.length));
    out.write(body);
    out.flush();
    return status(s.getInputStream());
  }

  private static String huge(Socket s) throws IOException {
    int size = 64 << 20;
    OutputStream out = s.getOutputStream();
    out.write(head("/v1/scan", size));
    byte[] block = new byte[1 << 16];
    java.util.Arrays.fill(block, (byte) 'a');
    for (int sent = 0; sent < size; sent += block.length) {
      out.write(block);
    }
    out.flush();
    return status(s.getInputStream());
  }

  private static String slowBody(Socket s) throws IOException, InterruptedException {
    OutputStream out = s.getOutputStream();
    out.write(head("/v1/scan", 1000));
    out.flush();
    for (int i = 0; i < 1000; i++) {
      try {
        out.write('{');
        out.flush();
      } catch (IOException cutOff) {
        break; // the server answered and closed: read what it said
      }
      if (s.getInputStream().available() > 0) {
        break;
      }
      Thread.sleep(2_000);
    }
    return status(s.getInputStream());
  }

  private static String reset(Socket s) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(head("/v1/scan", 100_000));
    out.write(new byte[1000]);
    out.flush();
    s.setSoLinger(true, 0); // close() now sends a reset
    return "sent-reset";
  }

  private static String stalledHeaders(Socket s) throws IOException {
    s.getOutputStream().write("POST /v1/scan HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    return status(s.getInputStream());
  }

  private static byte[] head(String path, long length) {
    return ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
        + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** The status code of the answer, or "closed" when the connection ended first. */
  private static String status(InputStream in) throws IOException {
    byte[] line = new byte[12];
    int n = 0;
    while (n < line.length) {
      int r = in.read(line, n, line.length - n);
      if (r < 0) {
        return n == 0 ? "closed" : "partial-answer";
      }
      n += r;
    }
    return new String(line, 9, 3, StandardCharsets.US_ASCII);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
