package dev.bulwark.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Bearer API keys the server accepts, each with its id, quota and allowed endpoints ({@link ApiKey}). Keys are kept
 * only as SHA-256 digests and compared in constant time over all of them (no early exit, no length leak), and never
 * logged or echoed.
 *
 * <p>Key file: one key per line, optionally followed by {@code name=value} fields separated by spaces:
 * {@code id=NAME} (what logs and metrics call the key), {@code rate=N} (requests per second), {@code burst=N} (at
 * once; default: the rate, at least 1), {@code endpoints=/v1/scan,/v1/code/scan}. Blank lines and lines starting with
 * {@code #} are skipped.
 */
public final class ApiKeys {
  /** The environment variable {@code serve} reads keys from: comma- or newline-separated. */
  public static final String ENVIRONMENT_VARIABLE = "BULWARK_API_KEYS";
  private static final ApiKeys NONE = new ApiKeys(List.of(), List.of());

  private final List<byte[]> digests;
  private final List<ApiKey> keys;

  private ApiKeys(List<byte[]> digests, List<ApiKey> keys) {
    this.digests = digests;
    this.keys = keys;
  }

  /** No keys: every request is accepted. */
  public static ApiKeys none() {
    return NONE;
  }

  /**
   * These keys (blank ones ignored), without quotas or endpoint limits.
   *
   * @throws IllegalArgumentException for a key shorter than 16 characters or containing whitespace
   */
  public static ApiKeys of(List<String> keys) {
    List<String> lines = new ArrayList<>();
    for (String k : keys) {
      String key = k.strip();
      lines.add(key.isEmpty() ? "" : key.chars().anyMatch(Character::isWhitespace) ? "\u0000" : key);
    }
    return parse(lines, "API key #");
  }

  /** One key per line with its optional fields (class comment); blank lines and {@code #} comments are skipped. */
  public static ApiKeys fromFile(Path file) throws IOException {
    ApiKeys keys = parse(Files.readAllLines(file, StandardCharsets.UTF_8), file + ": line ");
    if (keys.keys.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no API key (one key per line; # starts a comment)");
    }
    return keys;
  }

  /** Keys from an environment variable's value: separated by commas or newlines. */
  public static ApiKeys fromValue(String value) {
    return of(Arrays.asList(value.split("[,\\n]")));
  }

  private static ApiKeys parse(List<String> lines, String where) {
    List<byte[]> digests = new ArrayList<>();
    List<ApiKey> keys = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int n = 0;
    for (String line : lines) {
      n++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] parts = l.split("\\s+");
      String key = parts[0];
      if (key.length() < 16 || key.indexOf('\u0000') >= 0) {
        throw new IllegalArgumentException(where + n + " holds an unusable API key: keys need at least 16 characters"
            + " and no whitespace");
      }
      byte[] digest = digest(key);
      ApiKey parsed = fields(Arrays.copyOfRange(parts, 1, parts.length), digest, where + n);
      if (!ids.add(parsed.id())) {
        throw new IllegalArgumentException(where + n + ": the key id '" + parsed.id() + "' is used twice");
      }
      digests.add(digest);
      keys.add(parsed);
    }
    return new ApiKeys(List.copyOf(digests), List.copyOf(keys));
  }

  private static ApiKey fields(String[] fields, byte[] digest, String where) {
    String id = "sha256:" + HexFormat.of().formatHex(digest, 0, 4);
    Double rate = null;
    Integer burst = null;
    Set<String> endpoints = new LinkedHashSet<>();
    for (String f : fields) {
      int eq = f.indexOf('=');
      String name = eq < 0 ? f : f.substring(0, eq);
      String value = eq < 0 ? "" : f.substring(eq + 1);
      try {
        switch (name) {
          case "id" -> {
            if (!value.matches("[A-Za-z0-9._:-]{1,64}")) {
              throw new IllegalArgumentException("id: expected 1 to 64 letters, digits or ._:-");
            }
            id = value;
          }
          case "rate" -> rate = Double.parseDouble(value);
          case "burst" -> burst = Integer.parseInt(value);
          case "endpoints" -> {
            for (String p : value.split(",")) {
              if (!p.startsWith("/")) {
                throw new IllegalArgumentException("endpoints: expected paths such as /v1/scan, comma-separated");
              }
              endpoints.add(p);
            }
          }
          default -> throw new IllegalArgumentException("unknown field '" + excerpt(name)
              + "'; the fields are id=, rate=, burst= and endpoints=");
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(where + ": " + name + ": expected a number, found '" + excerpt(value) + "'");
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage());
      }
    }
    if (rate == null && burst != null) {
      throw new IllegalArgumentException(where + ": burst= needs rate= (requests per second)");
    }
    ApiKey.Quota quota;
    try {
      quota = rate == null ? null : new ApiKey.Quota(rate, burst != null ? burst : (int) Math.max(1, Math.ceil(rate)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage());
    }
    return new ApiKey(id, quota, endpoints);
  }

  public boolean required() {
    return !digests.isEmpty();
  }

  public int size() {
    return digests.size();
  }

  /** The keys' ids, quotas and endpoint limits (never the keys). */
  public List<ApiKey> keys() {
    return keys;
  }

  /** Whether an {@code Authorization} header value carries one of the keys ({@code Bearer KEY}). */
  public boolean accepts(String authorization) {
    return !required() || match(authorization).isPresent();
  }

  /**
   * The key an {@code Authorization} header value ({@code Bearer KEY}) carries, or empty when it carries none of
   * them. Every digest is compared, whichever matches.
   */
  public Optional<ApiKey> match(String authorization) {
    if (authorization == null || authorization.length() < 7
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    byte[] presented = digest(authorization.substring(7).strip());
    int found = -1;
    for (int i = 0; i < digests.size(); i++) {
      boolean equal = MessageDigest.isEqual(digests.get(i), presented);
      found = equal ? i : found;
    }
    return found < 0 ? Optional.empty() : Optional.of(keys.get(found));
  }

  @Override
  public String toString() {
    return "ApiKeys[" + digests.size() + " keys]";
  }

  private static String excerpt(String s) {
    return s.length() <= 20 ? s : s.substring(0, 20) + "...";
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
