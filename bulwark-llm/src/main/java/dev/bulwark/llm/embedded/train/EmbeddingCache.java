package dev.bulwark.llm.embedded.train;

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
 * cached vector equals a fresh one. (The same format as Prompt Guard's training cache; one shared class in
 * bulwark-classifier would serve both.)
 */
final class EmbeddingCache implements AutoCloseable {
  private final Map<String, float[]> vectors = new HashMap<>();
  private final DataOutputStream out;

  EmbeddingCache(Path file) throws IOException {
    if (file == null) {
      out = null;
      return;
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (Files.exists(file)) {
      try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
        while (true) {
          String key;
          try {
            key = in.readUTF();
          } catch (EOFException e) {
            break;
          }
          float[] v = new float[in.readInt()];
          for (int i = 0; i < v.length; i++) {
            v[i] = in.readFloat();
          }
          vectors.put(key, v);
        }
      } catch (EOFException e) {
        // a run cut short mid-record: keep what was complete
      }
    }
    out = new DataOutputStream(new java.io.BufferedOutputStream(
        Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)));
  }

  float[] get(String text) {
    return vectors.get(key(text));
  }

  void put(String text, float[] v) throws IOException {
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
