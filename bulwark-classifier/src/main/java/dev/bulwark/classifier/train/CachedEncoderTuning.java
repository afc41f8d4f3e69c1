package dev.bulwark.classifier.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.classifier.ClassifierException;
import dev.bulwark.classifier.tuned.EncoderDelta;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Remembers what a fine-tuning produced (the logits it was asked for and the delta), keyed by everything that
 * determines the run: the tuning's description (model, layers, epochs, tokens, rates, seed), the texts, their classes
 * and weights. A second training run with the same data then changes only what sits on top of the encoder (the stack,
 * the band, the threshold) in minutes instead of an hour. A run whose inputs differ in any way gets a different key,
 * so a stale entry is never read; an entry that cannot be read is an error naming the file.
 */
public final class CachedEncoderTuning implements EncoderTuning {
  private static final int LOGITS_MAGIC = 0x42574c47; // "BWLG"

  private final EncoderTuning inner;
  private final Path directory;

  public CachedEncoderTuning(EncoderTuning inner, Path directory) {
    this.inner = inner;
    this.directory = directory;
  }

  @Override
  public Tuned tune(List<String> texts, boolean[] positive, float[] weights, String what) {
    MessageDigest d = sha256();
    update(d, inner.description());
    update(d, Integer.toString(texts.size()));
    for (int i = 0; i < texts.size(); i++) {
      update(d, texts.get(i));
      d.update((byte) (positive[i] ? 1 : 0));
      d.update(ByteBuffer.allocate(4).putFloat(weights[i]).array());
    }
    String key = HexFormat.of().formatHex(d.digest()).substring(0, 32);
    return new Lazy(key, texts, positive, weights, what);
  }

  @Override
  public String description() {
    return inner.description();
  }

  /** Runs the real tuning only when asked for something the cache does not hold. */
  private final class Lazy implements Tuned {
    private final String key;
    private final List<String> texts;
    private final boolean[] positive;
    private final float[] weights;
    private final String what;
    private Tuned tuned;

    Lazy(String key, List<String> texts, boolean[] positive, float[] weights, String what) {
      this.key = key;
      this.texts = texts;
      this.positive = positive;
      this.weights = weights;
      this.what = what;
    }

    private Tuned tuned() {
      if (tuned == null) {
        tuned = inner.tune(texts, positive, weights, what);
        write(directory.resolve(key + ".seconds"), Double.toString(tuned.trainingSeconds()).getBytes(StandardCharsets.UTF_8));
      }
      return tuned;
    }

    @Override
    public double[] logits(List<String> scored) {
      MessageDigest d = sha256();
      update(d, Integer.toString(scored.size()));
      scored.forEach(t -> update(d, t));
      Path file = directory.resolve(key + "-" + HexFormat.of().formatHex(d.digest()).substring(0, 16) + ".logits");
      if (Files.isRegularFile(file)) {
        double[] cached = readLogits(file);
        if (cached.length == scored.size()) {
          return cached;
        }
      }
      double[] logits = tuned().logits(scored);
      ByteBuffer buf = ByteBuffer.allocate(8 + 8 * logits.length).putInt(LOGITS_MAGIC).putInt(logits.length);
      for (double l : logits) {
        buf.putDouble(l);
      }
      write(file, buf.array());
      return logits;
    }

    @Override
    public EncoderDelta delta(ObjectNode training) {
      Path file = directory.resolve(key + ".bwd");
      if (Files.isRegularFile(file)) {
        return EncoderDelta.read(file);
      }
      EncoderDelta delta = tuned().delta(training);
      try {
        Files.createDirectories(directory);
        Path tmp = Files.createTempFile(directory, key, ".tmp");
        delta.write(tmp);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the tuning cache " + file, e);
      }
      // As stored (the file rounds to half precision): a first run and a rerun from the cache then see the same weights,
      // and the ones that ship.
      return EncoderDelta.read(file);
    }

    @Override
    public double trainingSeconds() {
      Path file = directory.resolve(key + ".seconds");
      if (tuned == null && Files.isRegularFile(file)) {
        try {
          return Double.parseDouble(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
          throw new ClassifierException("the tuning cache " + file + " is damaged: " + e.getMessage());
        }
      }
      return tuned().trainingSeconds();
    }

    @Override
    public void close() {
      if (tuned != null) {
        tuned.close();
      }
    }
  }

  private static double[] readLogits(Path file) {
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      if (in.readInt() != LOGITS_MAGIC) {
        throw new ClassifierException("the tuning cache " + file + " is not a logits file");
      }
      double[] out = new double[in.readInt()];
      for (int i = 0; i < out.length; i++) {
        out[i] = in.readDouble();
      }
      return out;
    } catch (IOException e) {
      throw new ClassifierException("the tuning cache " + file + " is damaged: " + e.getMessage());
    }
  }

  private void write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(directory);
      Path tmp = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
      try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(tmp))) {
        out.write(bytes);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the tuning cache " + file, e);
    }
  }

  private static void update(MessageDigest d, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    d.update(ByteBuffer.allocate(4).putInt(b.length).array());
    d.update(b);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
