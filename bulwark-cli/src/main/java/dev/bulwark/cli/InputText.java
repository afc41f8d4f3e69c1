package dev.bulwark.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads text input strictly as UTF-8, with errors that say where the bytes went wrong. */
final class InputText {
  private InputText() {}

  /** Reads at most {@code maxBytes} bytes of stdin. */
  static String readStdin(InputStream in, long maxBytes) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    byte[] chunk = new byte[64 * 1024];
    long total = 0;
    try {
      int n;
      while ((n = in.read(chunk)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new CliException("stdin is larger than " + maxBytes + " bytes; the limit follows max-content-chars in the configuration");
        }
        buffer.write(chunk, 0, n);
      }
    } catch (IOException e) {
      throw new CliException("cannot read stdin: " + e.getMessage(), e);
    }
    return decode(buffer.toByteArray(), "stdin");
  }

  static String readFile(Path file) {
    try {
      return decode(Files.readAllBytes(file), file.toString());
    } catch (NoSuchFileException e) {
      throw new CliException("file not found: " + file);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static String decode(byte[] bytes, String what) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    try {
      return decoder.decode(buf).toString();
    } catch (MalformedInputException e) {
      throw new CliException(what + " is not valid UTF-8 (bad byte at offset " + buf.position() + ")");
    } catch (CharacterCodingException e) {
      throw new CliException(what + " is not valid UTF-8: " + e.getMessage());
    }
  }
}
