package dev.bulwark.gateway.internal;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Reads server-sent events: {@code data:} lines joined by line breaks, dispatched at a blank line (or at the end);
 * comments ({@code :}) and other fields are skipped. The reader decodes UTF-8 across network chunks.
 */
public final class SseLines {
  private final BufferedReader in;
  private final int maxEventChars;

  public SseLines(BufferedReader in, int maxEventChars) {
    this.in = in;
    this.maxEventChars = maxEventChars;
  }

  /** The next event's data, or null at the end of the stream. */
  public String next() throws IOException {
    StringBuilder data = null;
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isEmpty()) {
        if (data != null) {
          return data.toString();
        }
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      if (line.startsWith("data:")) {
        String value = line.substring(line.length() > 5 && line.charAt(5) == ' ' ? 6 : 5);
        if (data == null) {
          data = new StringBuilder(value);
        } else {
          data.append('\n').append(value);
        }
        if (data.length() > maxEventChars) {
          throw new IOException("an upstream event is longer than " + maxEventChars + " characters");
        }
      }
    }
    return data == null ? null : data.toString();
  }
}
