package dev.bulwark.classifier.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The lines of a JSONL file, each decoded on its own: a line that is not valid UTF-8 or is longer than a bound becomes
 * a line with an error, and the lines after it are still read (a reader that decodes the whole stream cannot go on
 * after the first bad byte).
 */
public final class JsonlLines {
  /** Longest line read, in bytes: a training row of 10 MB is a mistake, not a text to learn from. */
  public static final int DEFAULT_MAX_LINE_BYTES = 4 << 20;

  /**
   * One line: its 1-based number and text, or the reason it could not be read ({@code text} is then null).
   */
  public record Line(int number, String text, String error) {}

  private JsonlLines() {}

  /** Reads {@code file} line by line; blank lines are skipped. */
  public static void forEach(Path file, int maxLineBytes, Consumer<Line> action) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      long length = 0;
      int number = 0;
      int b;
      while (true) {
        b = in.read();
        if (b == '\n' || b == -1) {
          if (b == -1 && length == 0) {
            break;
          }
          number++;
          if (length > maxLineBytes) {
            action.accept(new Line(number, null, String.format("line of %.1f MB is longer than the %.1f MB limit", length / 1048576.0,
                maxLineBytes / 1048576.0)));
          } else {
            byte[] bytes = line.toByteArray();
            try {
              String text = decoder.reset().decode(ByteBuffer.wrap(bytes)).toString();
              if (!text.isBlank()) {
                action.accept(new Line(number, text, null));
              }
            } catch (CharacterCodingException e) {
              action.accept(new Line(number, null, "not valid UTF-8"));
            }
          }
          line.reset();
          length = 0;
          if (b == -1) {
            break;
          }
        } else {
          if (length < maxLineBytes + 1L) {
            line.write(b);
          }
          length++;
        }
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("file not found: " + file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
  }
}
