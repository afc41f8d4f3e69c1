package dev.bulwark.server;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * A hand-made HTTP/2 client over a plain socket (prior knowledge), for the hostile cases no polite client will send:
 * frames are written byte by byte as RFC 9113 lays them out, header blocks as HPACK literals without indexing, and
 * the server's header blocks decoded with Netty's HPACK decoder.
 */
final class H2Wire implements AutoCloseable {
  static final int DATA = 0;
  static final int HEADERS = 1;
  static final int RST_STREAM = 3;
  static final int SETTINGS = 4;
  static final int GOAWAY = 7;
  static final int CONTINUATION = 9;
  static final int END_STREAM = 0x1;
  static final int END_HEADERS = 0x4;
  static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  /** One frame as received; a HEADERS frame's block decoded (every one is, in order: HPACK has state). */
  record Frame(int type, int flags, int stream, byte[] payload, Http2Headers headers) {
    /** The error code of a RST_STREAM or GOAWAY frame. */
    long errorCode() {
      int at = type == GOAWAY ? 4 : 0;
      return ((payload[at] & 0xffL) << 24) | ((payload[at + 1] & 0xff) << 16) | ((payload[at + 2] & 0xff) << 8)
          | (payload[at + 3] & 0xff);
    }

    boolean endStream() {
      return (flags & END_STREAM) != 0;
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final DefaultHttp2HeadersDecoder hpack = new DefaultHttp2HeadersDecoder(false);
  /** Frames read past by {@link #next(Predicate)}, in arrival order. */
  private final java.util.ArrayDeque<Frame> skipped = new java.util.ArrayDeque<>();

  /** Connects; without {@code handshake}, nothing is sent yet. */
  H2Wire(int port, boolean handshake) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
    if (handshake) {
      handshake();
    }
  }

  /** The connection preface and empty SETTINGS; then the server's SETTINGS are read and acknowledged. */
  void handshake() throws IOException {
    out.write(PREFACE);
    frame(SETTINGS, 0, 0, new byte[0]);
    next(f -> f.type() == SETTINGS && (f.flags() & 1) == 0);
    frame(SETTINGS, 1, 0, new byte[0]);
  }

  void raw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** A request's HEADERS frame: pseudo-headers first, then {@code extra} as name, value pairs. */
  void headers(int stream, String method, String path, boolean endStream, String... extra) throws IOException {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    literal(block, ":method", method);
    literal(block, ":scheme", "http");
    literal(block, ":path", path);
    literal(block, ":authority", "localhost");
    for (int i = 0; i < extra.length; i += 2) {
      literal(block, extra[i], extra[i + 1]);
    }
    // Frames of at most 16,384 bytes (the default SETTINGS_MAX_FRAME_SIZE): a longer block goes on in CONTINUATIONs.
    byte[] bytes = block.toByteArray();
    int at = 0;
    do {
      int n = Math.min(16_384, bytes.length - at);
      boolean last = at + n == bytes.length;
      int flags = (last ? END_HEADERS : 0) | (at == 0 && endStream ? END_STREAM : 0);
      frame(at == 0 ? HEADERS : CONTINUATION, flags, stream, java.util.Arrays.copyOfRange(bytes, at, at + n));
      at += n;
    } while (at < bytes.length);
  }

  void data(int stream, byte[] bytes, boolean endStream) throws IOException {
    frame(DATA, endStream ? END_STREAM : 0, stream, bytes);
  }

  void reset(int stream, int errorCode) throws IOException {
    frame(RST_STREAM, 0, stream, new byte[] {(byte) (errorCode >>> 24), (byte) (errorCode >>> 16),
        (byte) (errorCode >>> 8), (byte) errorCode});
  }

  void frame(int type, int flags, int stream, byte[] payload) throws IOException {
    byte[] head = {(byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length, (byte) type,
        (byte) flags, (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8), (byte) stream};
    out.write(head);
    out.write(payload);
    out.flush();
  }

  /** The next frame (one skipped earlier by {@link #next(Predicate)} first), or null once the connection is closed. */
  Frame next() throws IOException {
    Frame skipped = this.skipped.pollFirst();
    return skipped != null ? skipped : read();
  }

  private Frame read() throws IOException {
    byte[] head = new byte[9];
    try {
      in.readFully(head);
    } catch (EOFException | java.net.SocketException e) {
      return null;
    }
    int length = ((head[0] & 0xff) << 16) | ((head[1] & 0xff) << 8) | (head[2] & 0xff);
    byte[] payload = new byte[length];
    in.readFully(payload);
    int stream = ((head[5] & 0x7f) << 24) | ((head[6] & 0xff) << 16) | ((head[7] & 0xff) << 8) | (head[8] & 0xff);
    int type = head[3] & 0xff;
    Http2Headers headers = null;
    if (type == HEADERS) {
      try {
        headers = hpack.decodeHeaders(stream, Unpooled.wrappedBuffer(payload));
      } catch (Http2Exception e) {
        throw new IOException("undecodable header block on stream " + stream, e);
      }
    }
    return new Frame(type, head[4] & 0xff, stream, payload, headers);
  }

  /**
   * The next frame that matches, or null once the connection is closed. Frames read past on the way are kept, in
   * order, for later calls: the answers of concurrent streams arrive in any order.
   */
  Frame next(Predicate<Frame> wanted) throws IOException {
    for (java.util.Iterator<Frame> it = skipped.iterator(); it.hasNext(); ) {
      Frame f = it.next();
      if (wanted.test(f)) {
        it.remove();
        return f;
      }
    }
    for (Frame f = read(); f != null; f = read()) {
      if (wanted.test(f)) {
        return f;
      }
      skipped.addLast(f);
    }
    return null;
  }

  /** Reads until the server closes the connection; true if it did within the socket timeout. */
  boolean closedByServer() throws IOException {
    try {
      while (next() != null) {
        // drained
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  /** The status of the answer on {@code stream}, skipping other frames. */
  String status(int stream) throws IOException {
    Frame f = next(x -> x.type() == HEADERS && x.stream() == stream);
    if (f == null) {
      throw new AssertionError("the connection closed before stream " + stream + " was answered");
    }
    return f.headers().status().toString();
  }

  /** The body of the answer on {@code stream}, to its end. */
  String body(int stream) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Frame f = next(x -> x.type() == DATA && x.stream() == stream); f != null;
        f = next(x -> x.type() == DATA && x.stream() == stream)) {
      body.write(f.payload());
      if (f.endStream()) {
        break;
      }
    }
    return body.toString(StandardCharsets.UTF_8);
  }

  private static void literal(ByteArrayOutputStream block, String name, String value) {
    block.write(0);  // literal header field without indexing, new name
    string(block, name.getBytes(StandardCharsets.US_ASCII));
    string(block, value.getBytes(StandardCharsets.UTF_8));
  }

  /** An HPACK string literal, not Huffman-coded: its length as a 7-bit-prefix integer, then its bytes. */
  private static void string(ByteArrayOutputStream block, byte[] bytes) {
    int n = bytes.length;
    if (n < 127) {
      block.write(n);
    } else {
      block.write(127);
      n -= 127;
      while (n >= 128) {
        block.write((n & 0x7f) | 0x80);
        n >>>= 7;
      }
      block.write(n);
    }
    block.write(bytes, 0, bytes.length);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
