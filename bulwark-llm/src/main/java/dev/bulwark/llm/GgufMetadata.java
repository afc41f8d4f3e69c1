package dev.bulwark.llm;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The key-value header of a GGUF file: scalars and strings are kept, arrays only by their length (a 128k-token
 * vocabulary is not needed here). Used to name the model, to check its architecture before llama.cpp sees it, and to
 * know the vocabulary size.
 */
public record GgufMetadata(long version, Map<String, Object> values, Map<String, Long> arrayLengths) {

  private static final long MAX_STRING = 64L << 20;

  /** Reads the header. */
  public static GgufMetadata read(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      byte[] magic = in.readNBytes(4);
      if (!"GGUF".equals(new String(magic, StandardCharsets.US_ASCII))) {
        throw new IOException(file + " is not a GGUF file");
      }
      long version = u32(in);
      u64(in); // tensor count
      long kvCount = u64(in);
      Map<String, Object> values = new LinkedHashMap<>();
      Map<String, Long> arrays = new LinkedHashMap<>();
      for (long i = 0; i < kvCount; i++) {
        String key = string(in);
        int type = (int) u32(in);
        if (type == 9) {
          int elementType = (int) u32(in);
          long n = u64(in);
          arrays.put(key, n);
          for (long j = 0; j < n; j++) {
            skipValue(in, elementType);
          }
        } else {
          values.put(key, value(in, type));
        }
      }
      return new GgufMetadata(version, values, arrays);
    } catch (EOFException e) {
      throw new IOException(file + " is truncated (its GGUF header ends early)", e);
    }
  }

  public String string(String key, String defaultValue) {
    Object v = values.get(key);
    return v instanceof String s ? s : defaultValue;
  }

  public long number(String key, long defaultValue) {
    Object v = values.get(key);
    return v instanceof Number n ? n.longValue() : defaultValue;
  }

  /** The vocabulary size: the length of {@code tokenizer.ggml.tokens}, or -1. */
  public long vocabularySize() {
    return arrayLengths.getOrDefault("tokenizer.ggml.tokens", -1L);
  }

  private static Object value(DataInputStream in, int type) throws IOException {
    return switch (type) {
      case 0 -> (long) in.readUnsignedByte();
      case 1 -> (long) in.readByte();
      case 2 -> (long) Short.reverseBytes(in.readShort()) & 0xffff;
      case 3 -> (long) Short.reverseBytes(in.readShort());
      case 4 -> u32(in);
      case 5 -> (long) Integer.reverseBytes(in.readInt());
      case 6 -> (double) Float.intBitsToFloat(Integer.reverseBytes(in.readInt()));
      case 7 -> in.readUnsignedByte() != 0;
      case 8 -> string(in);
      case 10, 11 -> u64(in);
      case 12 -> Double.longBitsToDouble(Long.reverseBytes(in.readLong()));
      default -> throw new IOException("unknown GGUF value type " + type);
    };
  }

  private static void skipValue(DataInputStream in, int type) throws IOException {
    switch (type) {
      case 0, 1, 7 -> in.skipNBytes(1);
      case 2, 3 -> in.skipNBytes(2);
      case 4, 5, 6 -> in.skipNBytes(4);
      case 10, 11, 12 -> in.skipNBytes(8);
      case 8 -> in.skipNBytes(length(in));
      default -> throw new IOException("unsupported GGUF array element type " + type);
    }
  }

  private static String string(DataInputStream in) throws IOException {
    return new String(in.readNBytes((int) length(in)), StandardCharsets.UTF_8);
  }

  private static long length(DataInputStream in) throws IOException {
    long n = u64(in);
    if (n < 0 || n > MAX_STRING) {
      throw new IOException("implausible GGUF string length " + n);
    }
    return n;
  }

  private static long u32(DataInputStream in) throws IOException {
    return Integer.reverseBytes(in.readInt()) & 0xffffffffL;
  }

  private static long u64(DataInputStream in) throws IOException {
    return Long.reverseBytes(in.readLong());
  }
}
