package dev.bulwark.classifier.features;

import java.util.Arrays;
import java.util.Locale;

/**
 * Hashed character n-grams and word n-grams of lower-cased text, with sub-linear term frequency, inverse document
 * frequency and L2 normalisation (the TF-IDF recipe that carries most of the prompt-attack signal per the team's
 * notes). The hashing trick keeps the vocabulary out of the model: {@code 2^bits} buckets, one float each.
 *
 * <p>Character n-grams run over the whole text, spaces included, so they see across word boundaries and work for
 * scripts without spaces; word n-grams use maximal runs of letters and digits.
 */
public final class HashedNgrams {
  /** Which n-grams and how many buckets; part of a trained head, so it is serialised with it. */
  public record Config(int bits, int charMin, int charMax, int wordMin, int wordMax) {
    public Config {
      if (bits < 10 || bits > 24) {
        throw new IllegalArgumentException("bits must be in [10, 24], got " + bits);
      }
      if (charMin < 1 || charMax < charMin || wordMin < 0 || wordMax < wordMin) {
        throw new IllegalArgumentException("bad n-gram ranges: char " + charMin + ".." + charMax + ", word " + wordMin + ".." + wordMax);
      }
    }

    public int dimension() {
      return 1 << bits;
    }
  }

  private static final int CHAR_SEED = 0x9747b28c;
  private static final int WORD_SEED = 0x2d358dcc;

  private final Config config;
  private final float[] idf;
  private final int mask;

  /** @param idf per-bucket inverse document frequency, or null for plain TF (before fitting) */
  public HashedNgrams(Config config, float[] idf) {
    this.config = config;
    this.mask = config.dimension() - 1;
    if (idf != null && idf.length != config.dimension()) {
      throw new IllegalArgumentException("idf has " + idf.length + " entries for " + config.dimension() + " buckets");
    }
    this.idf = idf;
  }

  public Config config() {
    return config;
  }

  public float[] idf() {
    return idf;
  }

  public int dimension() {
    return config.dimension();
  }

  /** Smoothed IDF over a corpus: {@code ln((1 + n) / (1 + df)) + 1}, as scikit-learn computes it. */
  public static float[] fitIdf(Config config, Iterable<String> corpus) {
    HashedNgrams raw = new HashedNgrams(config, null);
    int[] df = new int[config.dimension()];
    int n = 0;
    for (String text : corpus) {
      for (int b : raw.counts(text).indices()) {
        df[b]++;
      }
      n++;
    }
    float[] idf = new float[df.length];
    for (int i = 0; i < df.length; i++) {
      idf[i] = (float) (Math.log((1.0 + n) / (1.0 + df[i])) + 1.0);
    }
    return idf;
  }

  /** Smoothed IDF from per-document counts already computed with {@link #counts}. */
  public static float[] idfFromCounts(Config config, Iterable<SparseVector> documentCounts) {
    int[] df = new int[config.dimension()];
    int n = 0;
    for (SparseVector c : documentCounts) {
      for (int b : c.indices()) {
        df[b]++;
      }
      n++;
    }
    float[] idf = new float[df.length];
    for (int i = 0; i < df.length; i++) {
      idf[i] = (float) (Math.log((1.0 + n) / (1.0 + df[i])) + 1.0);
    }
    return idf;
  }

  /** The TF-IDF vector of {@code text}, L2-normalised. */
  public SparseVector vector(String text) {
    return weigh(counts(text));
  }

  /** Counts (from {@link #counts}) to the L2-normalised TF-IDF vector; {@code counts} is not modified. */
  public SparseVector weigh(SparseVector counts) {
    SparseVector c = new SparseVector(counts.indices(), counts.values().clone());
    float[] v = c.values();
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      float w = (float) (1 + Math.log(v[i])) * (idf == null ? 1f : idf[c.indices()[i]]);
      v[i] = w;
      norm += (double) w * w;
    }
    if (norm > 0) {
      float inv = (float) (1 / Math.sqrt(norm));
      for (int i = 0; i < v.length; i++) {
        v[i] *= inv;
      }
    }
    return c;
  }

  /** Raw n-gram counts per bucket. */
  public SparseVector counts(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    int[] buckets = new int[64];
    int n = 0;
    int len = t.length();
    for (int size = config.charMin(); size <= config.charMax(); size++) {
      for (int i = 0; i + size <= len; i++) {
        if (n == buckets.length) {
          buckets = Arrays.copyOf(buckets, n * 2);
        }
        buckets[n++] = hashChars(t, i, size, CHAR_SEED + size) & mask;
      }
    }
    if (config.wordMax() > 0) {
      int[] wordHashes = wordHashes(t);
      for (int size = Math.max(1, config.wordMin()); size <= config.wordMax(); size++) {
        for (int i = 0; i + size <= wordHashes.length; i++) {
          int h = WORD_SEED + size;
          for (int k = 0; k < size; k++) {
            h = mix(h, wordHashes[i + k]);
          }
          if (n == buckets.length) {
            buckets = Arrays.copyOf(buckets, n * 2);
          }
          buckets[n++] = finish(h, size) & mask;
        }
      }
    }
    Arrays.sort(buckets, 0, n);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || buckets[i] != buckets[i - 1]) {
        distinct++;
      }
    }
    int[] idx = new int[distinct];
    float[] val = new float[distinct];
    int j = -1;
    for (int i = 0; i < n; i++) {
      if (i == 0 || buckets[i] != buckets[i - 1]) {
        idx[++j] = buckets[i];
      }
      val[j]++;
    }
    return new SparseVector(idx, val);
  }

  private static int[] wordHashes(String t) {
    int[] out = new int[16];
    int n = 0;
    int i = 0;
    while (i < t.length()) {
      while (i < t.length() && !Character.isLetterOrDigit(t.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < t.length() && Character.isLetterOrDigit(t.charAt(i))) {
        i++;
      }
      if (i > start) {
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = hashChars(t, start, i - start, 0x5bd1e995);
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** MurmurHash3 (32-bit) over UTF-16 units. */
  static int hashChars(CharSequence s, int from, int length, int seed) {
    int h = seed;
    for (int i = 0; i < length; i++) {
      h = mix(h, s.charAt(from + i));
    }
    return finish(h, length);
  }

  private static int mix(int h, int k) {
    k *= 0xcc9e2d51;
    k = Integer.rotateLeft(k, 15);
    k *= 0x1b873593;
    h ^= k;
    h = Integer.rotateLeft(h, 13);
    return h * 5 + 0xe6546b64;
  }

  private static int finish(int h, int length) {
    h ^= length;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
