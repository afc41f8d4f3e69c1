package dev.bulwark.classifier.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Embeddings already computed, keyed by the SHA-256 of the text, appended to one file, so retraining (a new seed, a
 * different head) does not pay for MiniLM again. Embeddings are deterministic (equal-length batching only), so a
 * cached vector equals a fresh one. Shared by the Prompt Guard and Llama Guard trainers.
 */
public final class EmbeddingCache implements AutoCloseable {
  private final Map<String, float[]> vectors = new HashMap<>();
  private final DataOutputStream out;

  public EmbeddingCache(Path file) throws IOException {
    if (file == null) {
      out = null;
      return;
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (Files.exists(file)) {
      long good = 0;
      try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
        while (true) {
          String key;
          try {
            key = in.readUTF();
            float[] v = new float[in.readInt()];
            for (int i = 0; i < v.length; i++) {
              v[i] = in.readFloat();
            }
            if (finite(v)) {
              vectors.put(key, v);
            }
            good += 2 + key.length() + 4 + 4L * v.length;
          } catch (EOFException | java.io.UTFDataFormatException | NegativeArraySizeException e) {
            break;
          }
        }
      }
      // A run cut short mid-record leaves a partial record: cut it off, or appended records would be misread.
      if (good < Files.size(file)) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
          ch.truncate(good);
        }
      }
    }
    out = new DataOutputStream(new java.io.BufferedOutputStream(
        Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)));
  }

  /** A vector damaged on disk (NaN, or an absurd value) is recomputed rather than trusted. */
  private static boolean finite(float[] v) {
    for (float x : v) {
      if (!(Math.abs(x) < 1e4)) {
        return false;
      }
    }
    return true;
  }

  public float[] get(String text) {
    return vectors.get(key(text));
  }

  public void put(String text, float[] v) throws IOException {
    String k = key(text);
    vectors.put(k, v);
    if (out != null) {
      out.writeUTF(k);
      out.writeInt(v.length);
      for (float f : v) {
        out.writeFloat(f);
      }
    }
  }

  static String key(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    if (out != null) {
      out.close();
    }
  }
}
