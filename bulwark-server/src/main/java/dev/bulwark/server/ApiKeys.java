package dev.bulwark.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bearer API keys the server accepts. Keys are kept only as SHA-256 digests and compared in constant time over all
 * of them (no early exit, no length leak), and never logged or echoed.
 */
public final class ApiKeys {
  /** The environment variable {@code serve} reads keys from: comma- or newline-separated. */
  public static final String ENVIRONMENT_VARIABLE = "BULWARK_API_KEYS";
  private static final ApiKeys NONE = new ApiKeys(List.of());

  private final List<byte[]> digests;

  private ApiKeys(List<byte[]> digests) {
    this.digests = digests;
  }

  /** No keys: every request is accepted. */
  public static ApiKeys none() {
    return NONE;
  }

  /**
   * These keys (blank ones ignored).
   *
   * @throws IllegalArgumentException for a key shorter than 16 characters or containing whitespace
   */
  public static ApiKeys of(List<String> keys) {
    List<byte[]> out = new ArrayList<>();
    int n = 0;
    for (String k : keys) {
      n++;
      String key = k.strip();
      if (key.isEmpty()) {
        continue;
      }
      if (key.length() < 16 || key.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("API key #" + n + " is unusable: keys need at least 16 characters and no"
            + " whitespace");
      }
      out.add(digest(key));
    }
    return new ApiKeys(List.copyOf(out));
  }

  /** One key per line; blank lines and lines starting with {@code #} are skipped. */
  public static ApiKeys fromFile(Path file) throws IOException {
    List<String> keys = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        keys.add(l);
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no API key (one key per line; # starts a comment)");
    }
    return of(keys);
  }

  /** Keys from an environment variable's value: separated by commas or newlines. */
  public static ApiKeys fromValue(String value) {
    return of(Arrays.asList(value.split("[,\\n]")));
  }

  public boolean required() {
    return !digests.isEmpty();
  }

  public int size() {
    return digests.size();
  }

  /** Whether an {@code Authorization} header value carries one of the keys ({@code Bearer KEY}). */
  public boolean accepts(String authorization) {
    if (!required()) {
      return true;
    }
    if (authorization == null || authorization.length() < 7
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] presented = digest(authorization.substring(7).strip());
    boolean match = false;
    for (byte[] d : digests) {
      match |= MessageDigest.isEqual(d, presented);
    }
    return match;
  }

  @Override
  public String toString() {
    return "ApiKeys[" + digests.size() + " keys]";
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
