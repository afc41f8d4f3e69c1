package dev.bulwark.core.hiddentext;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes payloads hidden in runs of invisible characters: bytes in variation selectors ("emoji smuggling") and bits
 * in two-symbol zero-width alphabets. A decoding counts only when it is mostly printable text: random runs decode to
 * noise and are reported as plain invisible characters instead.
 */
final class InvisibleDecoder {
  private InvisibleDecoder() {}

  /** Variation selectors VS1–VS256 as bytes, read as UTF-8; null when that is not readable text. */
  static String fromVariationSelectors(int[] codePoints, int from, int to) {
    byte[] bytes = new byte[to - from];
    for (int i = from; i < to; i++) {
      bytes[i - from] = (byte) dev.bulwark.core.text.Invisibles.variationSelectorByte(codePoints[i]);
    }
    try {
      String s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      return readable(s) ? s : null;
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * A run over a two-symbol alphabet as 8-bit ASCII, trying both bit assignments; null when neither reads as text.
   */
  static String fromBinaryZeroWidth(int[] codePoints, int from, int to) {
    int a = -1;
    int b = -1;
    for (int i = from; i < to; i++) {
      int cp = codePoints[i];
      if (a < 0 || cp == a) {
        a = cp;
      } else if (b < 0 || cp == b) {
        b = cp;
      } else {
        return null; // more than two symbols: not a binary code
      }
    }
    int bits = to - from;
    if (b < 0 || bits < 16) {
      return null;
    }
    for (int zero : new int[] {a, b}) {
      StringBuilder s = new StringBuilder(bits / 8);
      for (int i = from; i + 8 <= to; i += 8) {
        int value = 0;
        for (int k = 0; k < 8; k++) {
          value = (value << 1) | (codePoints[i + k] == zero ? 0 : 1);
        }
        s.append((char) value);
      }
      if (readable(s.toString())) {
        return s.toString();
      }
    }
    return null;
  }

  static boolean readable(String s) {
    if (s.codePointCount(0, s.length()) < 2) {
      return false;
    }
    int printable = 0;
    int total = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      total++;
      if (Character.isLetterOrDigit(cp) || Character.isSpaceChar(cp) || (cp >= 0x21 && cp <= 0x7E)) {
        printable++;
      }
    }
    return printable >= 0.9 * total;
  }
}
