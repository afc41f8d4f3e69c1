package dev.bulwark.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads lines of bytes with a length cap and decodes each strictly as UTF-8, so one over-long or mis-encoded line
 * becomes an error for that line only and memory stays bounded whatever the input.
 */
final class LineReader implements AutoCloseable {
  /** One input line: its text, or why it has none. */
  record Line(long number, String text, String error) {}

  private final InputStream in;
  private final int maxBytes;
  private final byte[] buffer = new byte[64 * 1024];
  private int pos;
  private int limit;
  private long lineNumber;
  private long bytesRead;
  private byte[] line = new byte[1024];
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);

  LineReader(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  long bytesRead() {
    return bytesRead;
  }

  /** The next line, or null at the end of input. */
  Line next() throws IOException {
    int length = 0;
    boolean tooLong = false;
    boolean sawAny = false;
    while (true) {
      if (pos == limit) {
        limit = in.read(buffer);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          if (!sawAny) {
            return null;
          }
          break;
        }
        bytesRead += limit;
      }
      sawAny = true;
      int start = pos;
      int nl = -1;
      for (int i = pos; i < limit; i++) {
        if (buffer[i] == '\n') {
          nl = i;
          break;
        }
      }
      int end = nl < 0 ? limit : nl;
      int chunk = end - start;
      if (!tooLong) {
        if (length + chunk > maxBytes) {
          tooLong = true;
        } else {
          if (length + chunk > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + chunk));
          }
          System.arraycopy(buffer, start, line, length, chunk);
          length += chunk;
        }
      }
      pos = nl < 0 ? limit : nl + 1;
      if (nl >= 0) {
        break;
      }
    }
    lineNumber++;
    if (tooLong) {
      return new Line(lineNumber, null, "line is longer than " + maxBytes + " bytes");
    }
    int len = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
    try {
      decoder.reset();
      return new Line(lineNumber, decoder.decode(ByteBuffer.wrap(line, 0, len)).toString(), null);
    } catch (CharacterCodingException e) {
      return new Line(lineNumber, null, "line is not valid UTF-8");
    } finally {
      if (line.length > 1 << 20) {
        line = new byte[1024]; // do not keep a huge buffer after one huge line
      }
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
