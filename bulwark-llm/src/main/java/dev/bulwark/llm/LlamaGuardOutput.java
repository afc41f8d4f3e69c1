package dev.bulwark.llm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * What Llama Guard wrote: {@code safe}, or {@code unsafe} and a line of comma-separated codes. Parsing tolerates
 * leading blank lines (the models write {@code \n\n} first), surrounding whitespace, any letter case, spaces after
 * commas, codes on the verdict line, and trailing end-of-turn markers.
 *
 * @param verdict SAFE, UNSAFE or UNPARSEABLE
 * @param codes the category codes named, in order, without duplicates (uppercased)
 * @param raw the text as received
 */
public record LlamaGuardOutput(Verdict verdict, List<String> codes, String raw) {
  private static final Pattern CODE = Pattern.compile("\\b([SsOo]\\d{1,2})\\b");

  public enum Verdict { SAFE, UNSAFE, UNPARSEABLE }

  public LlamaGuardOutput {
    codes = List.copyOf(codes);
  }

  public static LlamaGuardOutput parse(String text) {
    String raw = text == null ? "" : text;
    String cleaned = raw.replace("<|eot_id|>", "\n").replace("<|eot|>", "\n").replace("<|end_of_text|>", "\n");
    List<String> lines = new ArrayList<>();
    for (String line : cleaned.split("\\R")) {
      String l = line.strip();
      if (!l.isEmpty()) {
        lines.add(l);
      }
    }
    if (lines.isEmpty()) {
      return new LlamaGuardOutput(Verdict.UNPARSEABLE, List.of(), raw);
    }
    String first = lines.get(0).toLowerCase(Locale.ROOT);
    String word = first.split("[^a-z]", 2)[0];
    if (word.equals("safe")) {
      return new LlamaGuardOutput(Verdict.SAFE, List.of(), raw);
    }
    if (!word.equals("unsafe")) {
      return new LlamaGuardOutput(Verdict.UNPARSEABLE, List.of(), raw);
    }
    Set<String> codes = new LinkedHashSet<>();
    collect(lines.get(0).substring(Math.min(lines.get(0).length(), 6)), codes);
    if (lines.size() > 1) {
      collect(lines.get(1), codes);
    }
    return new LlamaGuardOutput(Verdict.UNSAFE, new ArrayList<>(codes), raw);
  }

  private static void collect(String line, Set<String> into) {
    Matcher m = CODE.matcher(line);
    while (m.find()) {
      into.add(m.group(1).toUpperCase(Locale.ROOT));
    }
  }

  /** The whitespace the model wrote before its verdict word (e.g. {@code \n\n}), to score the word's position. */
  public String leadingWhitespace() {
    int i = 0;
    while (i < raw.length() && Character.isWhitespace(raw.charAt(i))) {
      i++;
    }
    return raw.substring(0, i);
  }
}
