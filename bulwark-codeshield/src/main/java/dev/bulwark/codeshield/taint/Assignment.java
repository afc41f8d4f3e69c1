package dev.bulwark.codeshield.taint;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement read as an assignment: the names it writes and where its value expression starts. Covers {@code =},
 * {@code :=}, {@code +=} and {@code .=} (which keep what the target held), declarations with a type before or after
 * the name ({@code String q =}, {@code let q: String =}, {@code char buf[64] =}), Go's {@code a, b :=}, and a Python
 * {@code for x in …} / JavaScript {@code for (const x of …)} loop, whose variable takes its values from the iterable.
 */
record Assignment(List<String> targets, int valueStart, boolean appends) {
  private static final Pattern TARGET = Pattern.compile("\\$?[A-Za-z_][\\w]*(?:(?:\\.|->|::)[A-Za-z_]\\w*)*");
  private static final Pattern FOR_LOOP = Pattern.compile(
      "^for\\s*\\(?\\s*(?:const|let|var|auto|val|final)?\\s*(?:[\\w<>]+\\s+)?(\\$?[A-Za-z_]\\w*)\\s+(?:in|of|:)\\s");
  private static final Pattern INDEX = Pattern.compile("\\[[^\\]]*\\]");
  private static final Pattern KEYWORD_START = Pattern.compile(
      "^(?:if|elif|while|return|assert|when|match|case|yield|print|echo|throw|raise|guard|unless|until)\\b");

  static Assignment parse(String s) {
    Matcher loop = FOR_LOOP.matcher(s);
    if (loop.lookingAt()) {
      return new Assignment(List.of(loop.group(1)), loop.end(), false);
    }
    if (KEYWORD_START.matcher(s).lookingAt()) {
      return null;
    }
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == '=' && depth == 0) {
        char prev = i > 0 ? s.charAt(i - 1) : ' ';
        char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
        if (next == '=' || next == '>' || prev == '=' || prev == '!' || prev == '<' || prev == '>') {
          i++; // ==, ===, =>, !=, <=, >=
          continue;
        }
        boolean appends = prev == '+' || prev == '.' || prev == '|' || prev == '?' || prev == '<';
        int lhsEnd = prev == ':' || appends ? i - 1 : i;
        List<String> targets = targets(s.substring(0, lhsEnd));
        return targets.isEmpty() ? null : new Assignment(targets, i + 1, appends);
      }
    }
    return null;
  }

  private static List<String> targets(String lhs) {
    if (lhs.indexOf('(') >= 0 && !lhs.strip().startsWith("(")) {
      return List.of(); // a call or a condition, not a place to store into
    }
    int colon = lhs.indexOf(':');
    while (colon >= 0 && lhs.startsWith("::", colon)) {
      colon = lhs.indexOf(':', colon + 2);
    }
    if (colon >= 0) {
      lhs = lhs.substring(0, colon); // `let q: String`, `val q: String`
    }
    List<String> out = new ArrayList<>();
    for (String part : Arguments.split(lhs.replace('(', ' ').replace(')', ' '))) {
      String p = INDEX.matcher(part).replaceAll(" ").strip();
      Matcher m = TARGET.matcher(p);
      String last = null;
      while (m.find()) {
        last = m.group();
      }
      if (last != null) {
        out.add(last);
      }
    }
    return out;
  }
}
