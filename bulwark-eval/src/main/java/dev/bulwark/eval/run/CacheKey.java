package dev.bulwark.eval.run;

import dev.bulwark.llm.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The cache key of one call: SHA-256 over the endpoint's name and model id, the generation settings and every message
 * (role and text), each part length-prefixed so no two different calls share a key.
 */
final class CacheKey {
  private CacheKey() {}

  static String of(String name, String model, Generation gen, List<ChatMessage> messages) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    part(sha, name);
    part(sha, model);
    part(sha, gen.maxTokens() + "/" + gen.temperature() + "/" + gen.topP());
    for (ChatMessage m : messages) {
      part(sha, m.role());
      part(sha, m.text());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void part(MessageDigest sha, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    sha.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
    sha.update(b);
  }
}
