package dev.bulwark.llm.judge;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Puts text an attacker may control into an auditor prompt as data: between delimiters carrying a random nonce the
 * text cannot predict (so it cannot close the block early and speak as the prompt), and shortened to a budget with a
 * visible marker.
 */
public final class UntrustedText {
  private final String nonce;

  private UntrustedText(String nonce) {
    this.nonce = nonce;
  }

  /** A fresh nonce per prompt. */
  public static UntrustedText newBlock() {
    byte[] b = new byte[6];
    ThreadLocalRandom.current().nextBytes(b);
    return new UntrustedText(HexFormat.of().formatHex(b));
  }

  public String open() {
    return "<<<DATA-" + nonce;
  }

  public String close() {
    return "DATA-" + nonce + ">>>";
  }

  public String wrap(String text) {
    return open() + "\n" + text + "\n" + close();
  }

  /**
   * {@code text} cut to {@code max} characters: the first three quarters and the last quarter are kept, with the
   * number of characters left out between them.
   */
  public static String shorten(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int head = max * 3 / 4;
    int tail = max - head;
    return text.substring(0, head) + "\n[… " + (text.length() - head - tail) + " characters omitted …]\n"
        + text.substring(text.length() - tail);
  }
}
