package dev.bulwark.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A raw loopback socket for the clients no polite HTTP library would be: slow, oversized, pipelining, stalling. */
final class RawHttp implements AutoCloseable {
  private static final Pattern STATUS = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

  final Socket socket;

  RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(20_000);
  }

  RawHttp send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawHttp send(byte[] bytes) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(bytes);
    out.flush();
    return this;
  }

  /**
   * Everything the server sends until it closes the connection (a reset after its answer counts as a close), or
   * until 20 s of silence.
   */
  String readToClose() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        all.write(buf, 0, n);
      }
    } catch (SocketException reset) {
      // what came before the reset is kept
    } catch (SocketTimeoutException silent) {
      throw new AssertionError("the server neither answered nor closed within 20 s; got: " + all.toString(StandardCharsets.UTF_8));
    }
    return all.toString(StandardCharsets.UTF_8);
  }

  /** Reads exactly {@code count} answers (each with a Content-Length) and returns their text. */
  String readAnswers(int count) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          throw new AssertionError("connection closed after " + i + " answers: " + out + head);
        }
        head.write(b);
      }
      String headers = head.toString(StandardCharsets.ISO_8859_1);
      Matcher m = Pattern.compile("(?i)content-length: (\\d+)").matcher(headers);
      int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
      out.append(headers).append(new String(in.readNBytes(length), StandardCharsets.UTF_8)).append('\n');
    }
    return out.toString();
  }

  /** The status codes of every answer in {@code text}, in order. */
  static java.util.List<Integer> statuses(String text) {
    java.util.List<Integer> codes = new java.util.ArrayList<>();
    Matcher m = STATUS.matcher(text);
    while (m.find()) {
      codes.add(Integer.parseInt(m.group(1)));
    }
    return codes;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
