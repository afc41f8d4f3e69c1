package dev.bulwark.promptguard.embedded;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * Finds base64, hex and percent-encoded runs that decode to readable text, so an instruction hidden as
 * {@code SWdub3JlIHRoZSB1c2Vy...} is scored as the words it hides. Each decoded piece keeps the span of its encoded
 * form.
 */
final class EncodedPayloads {
  /** A decoded run: chars {@code [start, end)} of the scanned text decode to {@code text}. */
  record Decoded(int start, int end, String text) {}

  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{24,}={0,2}");
  private static final Pattern HEX = Pattern.compile("\\b(?:[0-9a-fA-F]{2}){16,}\\b");
  private static final Pattern PERCENT = Pattern.compile("(?:[A-Za-z0-9._~-]*%[0-9A-Fa-f]{2}){5,}[A-Za-z0-9._~-]*");
  private static final int MAX_PIECES = 64;

  private EncodedPayloads() {}

  static List<Decoded> find(String text) {
    List<Decoded> out = new ArrayList<>();
    Matcher m = BASE64.matcher(text);
    while (m.find() && out.size() < MAX_PIECES) {
      String s = m.group();
      if (s.length() % 4 == 1) {
        continue;
      }
      try {
        decodeReadable(Base64.getDecoder().decode(pad(s)), m.start(), m.end(), out);
      } catch (IllegalArgumentException e) {
        // not base64 after all
      }
    }
    m = HEX.matcher(text);
    while (m.find() && out.size() < MAX_PIECES) {
      String s = m.group();
      byte[] b = new byte[s.length() / 2];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
      }
      decodeReadable(b, m.start(), m.end(), out);
    }
    m = PERCENT.matcher(text);
    while (m.find() && out.size() < MAX_PIECES) {
      try {
        String d = java.net.URLDecoder.decode(m.group(), StandardCharsets.UTF_8);
        if (readable(d)) {
          out.add(new Decoded(m.start(), m.end(), d));
        }
      } catch (IllegalArgumentException e) {
        // malformed escape
      }
    }
    return out;
  }

  private static String pad(String s) {
    int r = s.length() % 4;
    return r == 0 ? s : s + "==".substring(0, 4 - r);
  }

  private static void decodeReadable(byte[] bytes, int start, int end, List<Decoded> out) {
    try {
      String d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      if (readable(d)) {
        out.add(new Decoded(start, end, d));
      }
    } catch (CharacterCodingException e) {
      // binary data (an image, a hash): nothing to read
    }
  }

  /** Mostly letters and spaces, with at least two words: text a model could follow. */
  private static boolean readable(String d) {
    if (d.length() < 8) {
      return false;
    }
    int letters = 0;
    int spaces = 0;
    int control = 0;
    for (int i = 0; i < d.length(); i++) {
      char c = d.charAt(i);
      if (Character.isLetter(c)) {
        letters++;
      } else if (c == ' ') {
        spaces++;
      } else if (Character.isISOControl(c) && c != '\n' && c != '\t') {
        control++;
      }
    }
    return control == 0 && spaces >= 1 && letters + spaces >= 0.75 * d.length();
  }
}
