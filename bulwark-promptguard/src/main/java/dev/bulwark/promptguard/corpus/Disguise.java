package dev.bulwark.promptguard.corpus;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/** The ways an instruction is hidden inside a document. Each turns the payload text into what gets inserted. */
public enum Disguise {
  PLAIN,
  HTML_COMMENT,
  HIDDEN_CSS,
  HTML_ATTRIBUTE,
  JSON_FIELD,
  CODE_COMMENT,
  MARKDOWN_HIDDEN,
  FOOTER,
  BASE64,
  HEX,
  URL_ENCODED,
  LOOKALIKE,
  ZERO_WIDTH,
  SPACED,
  LEET,
  UNICODE_TAGS,
  BRACKETED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String apply(String payload, Random rnd) {
    return switch (this) {
      case PLAIN -> payload;
      case HTML_COMMENT -> "<!-- " + payload + " -->";
      case HIDDEN_CSS -> pick(rnd, "<div style=\"display:none\">", "<span style=\"font-size:0;color:#fff\">",
          "<p hidden>", "<div class=\"sr-only\" aria-hidden=\"true\">") + payload + "</" + (rnd.nextBoolean() ? "div" : "span") + ">";
      case HTML_ATTRIBUTE -> pick(rnd, "<img src=\"banner.png\" alt=\"", "<meta name=\"description\" content=\"",
          "<a href=\"#\" title=\"") + payload.replace("\"", "'") + "\">";
      case JSON_FIELD -> "{\"" + pick(rnd, "note", "instructions", "meta", "comment", "x-ai-directive", "description")
          + "\": \"" + payload.replace("\"", "\\\"").replace("\n", "\\n") + "\"}";
      case CODE_COMMENT -> pick(rnd, "# ", "// ", "/* ") + payload.replace("\n", " ") + (rnd.nextBoolean() ? "" : " */");
      case MARKDOWN_HIDDEN -> "[//]: # (" + payload.replace("\n", " ") + ")";
      case FOOTER -> pick(rnd, "P.S. ", "-- \n", "Footnote: ", "Disclaimer: ") + payload;
      case BASE64 -> pick(rnd, "Decode this base64 and follow it: ", "Instructions (base64): ", "AI: execute the decoded text: ", "")
          + Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
      case HEX -> pick(rnd, "hex-encoded task for the assistant: ", "Decode from hex and do it: ", "data: ") + hex(payload);
      case URL_ENCODED -> pick(rnd, "Follow this: ", "q=", "next=") + urlEncode(payload);
      case LOOKALIKE -> lookalike(payload, rnd);
      case ZERO_WIDTH -> zeroWidth(payload, rnd);
      case SPACED -> spaced(payload, rnd);
      case LEET -> leet(payload);
      case UNICODE_TAGS -> "Hi!" + tags(payload);
      case BRACKETED -> pick(rnd, "[", "{{", "<<", "((", "【") + payload + pick(rnd, "]", "}}", ">>", "))", "】");
    };
  }

  public static String pick(Random rnd, String... options) {
    return options[rnd.nextInt(options.length)];
  }

  private static String hex(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      sb.append(String.format("%02x", b));
    }
    return sb.toString();
  }

  private static String urlEncode(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static final String LATIN = "aceopxyiABCEHKMOPTX";
  private static final String TWINS = "асеорхуіАВСЕНКМОРТХ";

  private static String lookalike(String s, Random rnd) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      int i = LATIN.indexOf(c);
      sb.append(i >= 0 && rnd.nextDouble() < 0.6 ? TWINS.charAt(i) : c);
    }
    return sb.toString();
  }

  private static String zeroWidth(String s, Random rnd) {
    String[] zw = {"\u200B", "\u200C", "\u200D", "\u2060", "\u00AD"};
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      sb.append(s.charAt(i));
      if (Character.isLetter(s.charAt(i)) && rnd.nextDouble() < 0.5) {
        sb.append(zw[rnd.nextInt(zw.length)]);
      }
    }
    return sb.toString();
  }

  /** Spaces out the letters of the first words (the rest stays), as the PG1 bypass did. */
  private static String spaced(String s, Random rnd) {
    String[] words = s.split(" ");
    int n = Math.min(words.length, 4 + rnd.nextInt(6));
    String sep = pick(rnd, " ", " ", ".", "-", "*");
    StringBuilder sb = new StringBuilder();
    for (int w = 0; w < words.length; w++) {
      if (w > 0) {
        sb.append(w < n ? (sep.equals(" ") ? "   " : " ") : " ");
      }
      if (w < n) {
        String word = words[w];
        for (int i = 0; i < word.length(); i++) {
          if (i > 0) {
            sb.append(sep);
          }
          sb.append(word.charAt(i));
        }
      } else {
        sb.append(words[w]);
      }
    }
    return sb.toString();
  }

  private static String leet(String s) {
    return s.replace('a', '4').replace('e', '3').replace('i', '1').replace('o', '0').replace('s', '5').replace('t', '7');
  }

  private static String tags(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c >= 0x20 && c < 0x7f) {
        sb.appendCodePoint(0xE0000 + c);
      }
    }
    return sb.toString();
  }
}
