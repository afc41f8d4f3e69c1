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
import dev.bulwark.classifier.WindowedEmbedder;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

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

  /**
   * The embeddings of {@code texts}, in order: from the cache file where present, else computed by an embedder that
   * is opened only if some text is missing (and closed after) and then appended to the cache. Progress goes to
   * {@code log} every 500 computed texts.
   */
  public static float[][] embedAll(List<String> texts, Path cacheFile, Supplier<WindowedEmbedder> openEmbedder, PrintWriter log)
      throws IOException {
    float[][] out = new float[texts.size()][];
    try (EmbeddingCache cache = new EmbeddingCache(cacheFile)) {
      WindowedEmbedder embedder = null;
      long t0 = System.nanoTime();
      int computed = 0;
      try {
        for (int i = 0; i < texts.size(); i++) {
          String t = texts.get(i);
          float[] v = cache.get(t);
          if (v == null) {
            if (embedder == null) {
              embedder = openEmbedder.get();
            }
            v = embedder.embed(t);
            cache.put(t, v);
            computed++;
            if (computed % 500 == 0) {
              log.printf("  embedded %d texts (%.0f s)%n", computed, (System.nanoTime() - t0) / 1e9);
              log.flush();
            }
          }
          out[i] = v;
        }
      } finally {
        if (embedder != null) {
          embedder.close();
        }
      }
      log.printf("embeddings: %d computed, %d from cache%n", computed, texts.size() - computed);
    }
    return out;
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
