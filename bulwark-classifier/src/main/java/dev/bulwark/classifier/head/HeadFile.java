package dev.bulwark.classifier.head;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.classifier.ClassifierException;
import dev.bulwark.classifier.features.HashedNgrams;
import dev.bulwark.classifier.features.TextStatistics;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The serialised form of a trained head: a gzip stream holding the magic {@code BWHEAD}, a format version, a JSON
 * metadata object (what the head is, its labels, feature settings, training data and metrics) and named float arrays,
 * each stored as float16 (weights; plenty for scores that are compared to thresholds) or float32.
 *
 * <pre>
 *   "BWHEAD" u8:version  u32:len json  u32:count  { utf:name  u8:encoding(1=f16,2=f32)  u32:length  data }
 * </pre>
 */
public record HeadFile(ObjectNode metadata, Map<String, float[]> arrays) {
  private static final byte[] MAGIC = "BWHEAD".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  public HeadFile {
    arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
  }

  public static ObjectNode newMetadata() {
    return JSON.createObjectNode();
  }

  /**
   * Checks the parts every trained head shares: its {@code format} (a head of {@code what}, e.g. "Prompt Guard") and
   * the number of text statistics it was trained with; {@code retrain} is the command that rebuilds it.
   */
  public void requireHead(String format, String what, String retrain) {
    if (!format.equals(metadata.path("format").asText())) {
      throw new ClassifierException("not a " + what + " head (format '" + metadata.path("format").asText() + "', expected '"
          + format + "')");
    }
    if (metadata.path("statistics").size() != TextStatistics.dimension()) {
      throw new ClassifierException("the head was trained with " + metadata.path("statistics").size()
          + " text statistics; this build computes " + TextStatistics.dimension() + ": retrain it with '" + retrain + "'");
    }
  }

  /** The hashed n-gram features the head was trained on: their configuration and IDF weights. */
  public HashedNgrams ngrams() {
    JsonNode n = metadata.path("ngrams");
    HashedNgrams.Config c = new HashedNgrams.Config(n.path("bits").asInt(), n.path("char_min").asInt(),
        n.path("char_max").asInt(), n.path("word_min").asInt(), n.path("word_max").asInt());
    return new HashedNgrams(c, array("ngram.idf"));
  }

  /** The head's MLP over encoder embeddings, or null when it was trained without one. */
  public Mlp mlp() {
    int hidden = metadata.path("mlp_hidden").asInt(0);
    if (hidden <= 0) {
      return null;
    }
    float[] mean = array("mlp.mean");
    float[] b2 = array("mlp.b2");
    return new Mlp(mean.length, hidden, b2.length, mean, array("mlp.scale"), array("mlp.w1"), array("mlp.b1"),
        array("mlp.w2"), b2);
  }

  public float[] array(String name) {
    float[] a = arrays.get(name);
    if (a == null) {
      throw new ClassifierException("head file has no array '" + name + "' (has " + arrays.keySet() + ")");
    }
    return a;
  }

  /** Writes the file; arrays whose name is in {@code fullPrecision} keep float32, the rest are float16. */
  public void write(Path file, java.util.Set<String> fullPrecision) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      write(out, fullPrecision);
    }
  }

  public void write(OutputStream stream, java.util.Set<String> fullPrecision) throws IOException {
    GZIPOutputStream gz = new GZIPOutputStream(stream, 1 << 16);
    DataOutputStream out = new DataOutputStream(gz);
    out.write(MAGIC);
    out.writeByte(VERSION);
    byte[] json = JSON.writeValueAsBytes(metadata);
    out.writeInt(json.length);
    out.write(json);
    out.writeInt(arrays.size());
    for (Map.Entry<String, float[]> e : arrays.entrySet()) {
      out.writeUTF(e.getKey());
      boolean full = fullPrecision.contains(e.getKey());
      out.writeByte(full ? 2 : 1);
      float[] a = e.getValue();
      out.writeInt(a.length);
      for (float v : a) {
        if (full) {
          out.writeFloat(v);
        } else {
          out.writeShort(Half.fromFloat(v));
        }
      }
    }
    out.flush();
    gz.finish();
  }

  /**
   * Reads a head shipped as a class-path resource next to {@code owner}; {@code what} names it in errors ("the
   * embedded Prompt Guard head").
   */
  public static HeadFile readResource(Class<?> owner, String resource, String what) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ClassifierException(what + " " + resource + " is not on the class path");
      }
      return read(in, "classpath:" + resource);
    } catch (IOException e) {
      throw new ClassifierException("cannot read " + resource + ": " + e.getMessage(), e);
    }
  }

  public static HeadFile read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ClassifierException("head file not found: " + file);
    } catch (IOException e) {
      throw new ClassifierException(file + ": cannot read head file: " + e.getMessage(), e);
    }
  }

  /** Reads a head; {@code source} names it in error messages. */
  public static HeadFile read(InputStream stream, String source) {
    try {
      DataInputStream in = new DataInputStream(new GZIPInputStream(stream, 1 << 16));
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new ClassifierException(source + ": not a Bulwark head file (bad magic)");
      }
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new ClassifierException(source + ": head format version " + version + " is not supported (expected " + VERSION + ")");
      }
      byte[] json = in.readNBytes(in.readInt());
      ObjectNode meta = (ObjectNode) JSON.readTree(json);
      int count = in.readInt();
      Map<String, float[]> arrays = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        int enc = in.readUnsignedByte();
        int len = in.readInt();
        float[] a = new float[len];
        for (int j = 0; j < len; j++) {
          a[j] = enc == 2 ? in.readFloat() : Half.toFloat(in.readShort());
        }
        arrays.put(name, a);
      }
      return new HeadFile(meta, arrays);
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new ClassifierException(source + ": truncated or corrupt head file: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ClassifierException(source + ": cannot read head file: " + e.getMessage(), e);
    }
  }

  /** IEEE 754 half precision, round-to-nearest-even (Java 17 has no Float.floatToFloat16). */
  static final class Half {
    private Half() {}

    static short fromFloat(float f) {
      int bits = Float.floatToIntBits(f);
      int sign = (bits >>> 16) & 0x8000;
      int exp = ((bits >>> 23) & 0xff) - 127 + 15;
      int mant = bits & 0x7fffff;
      if (((bits >>> 23) & 0xff) == 0xff) {
        return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
      }
      if (exp >= 0x1f) {
        return (short) (sign | 0x7c00);
      }
      if (exp <= 0) {
        if (exp < -10) {
          return (short) sign;
        }
        mant |= 0x800000;
        int shift = 14 - exp;
        int half = mant >> shift;
        int rem = mant & ((1 << shift) - 1);
        int mid = 1 << (shift - 1);
        if (rem > mid || (rem == mid && (half & 1) != 0)) {
          half++;
        }
        return (short) (sign | half);
      }
      int half = (exp << 10) | (mant >> 13);
      int rem = mant & 0x1fff;
      if (rem > 0x1000 || (rem == 0x1000 && (half & 1) != 0)) {
        half++;
      }
      return (short) (sign | half);
    }

    static float toFloat(short h) {
      int bits = h & 0xffff;
      int sign = (bits & 0x8000) << 16;
      int exp = (bits >>> 10) & 0x1f;
      int mant = bits & 0x3ff;
      if (exp == 0) {
        if (mant == 0) {
          return Float.intBitsToFloat(sign);
        }
        float v = mant / 1024f * (float) Math.pow(2, -14);
        return sign != 0 ? -v : v;
      }
      if (exp == 0x1f) {
        return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
      }
      return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
  }
}
