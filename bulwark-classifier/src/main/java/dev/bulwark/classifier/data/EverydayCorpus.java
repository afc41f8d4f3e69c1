package dev.bulwark.classifier.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The project's own hand-written benign traffic (written for Bulwark): greetings and small talk, conversational
 * follow-ups, innocent uses of words attacks also use, everyday requests in many languages, long messages and benign
 * tool outputs. Every detector must let these through; the trainers add the {@link Split#TRAIN} part to their benign
 * rows and the evaluations report the flag rate on the {@link Split#TEST} part, whose messages were written apart
 * (new topics and wording, not paraphrases of training lines).
 *
 * <p>Files live in {@code src/main/resources/dev/bulwark/classifier/corpus/everyday/{train,test}/KIND.txt}, one
 * message a line as {@code lang<TAB>text}, {@code \n} for a newline inside a message, {@code #} for comments.
 */
public final class EverydayCorpus {
  public static final String SOURCE = "bulwark_everyday";
  /** The kinds, one file each; {@code tool_outputs} are read by agents as tool messages, the rest are user turns. */
  public static final List<String> KINDS =
      List.of("greetings", "followups", "trigger_words", "everyday_requests", "long_messages", "tool_outputs");
  private static final String BASE = "/dev/bulwark/classifier/corpus/everyday/";

  public enum Split { TRAIN, TEST }

  private EverydayCorpus() {}

  /**
   * Every message of the split, labelled {@code label} ({@code benign} for Prompt Guard, {@code safe} for Llama Guard),
   * with category {@code everyday:KIND}, the line's language, and role {@code tool} for tool outputs.
   */
  public static List<LabelledText> read(Split split, String label) {
    List<LabelledText> out = new ArrayList<>();
    String dir = split.name().toLowerCase(Locale.ROOT);
    for (String kind : KINDS) {
      String name = BASE + dir + "/" + kind + ".txt";
      int n = 0;
      for (String[] line : lines(name)) {
        n++;
        String role = kind.equals("tool_outputs") ? "tool" : "user";
        out.add(new LabelledText(SOURCE + ":" + dir + ":" + kind + ":" + n, line[1], label, "everyday:" + kind, line[0], SOURCE, role));
      }
    }
    return out;
  }

  /** True for rows of this corpus. */
  public static boolean contains(LabelledText row) {
    return row.source().equals(SOURCE);
  }

  private static List<String[]> lines(String name) {
    try (InputStream in = EverydayCorpus.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("class-path resource " + name + " is missing");
      }
      List<String[]> out = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        int number = 0;
        while ((line = r.readLine()) != null) {
          number++;
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          int tab = line.indexOf('\t');
          if (tab < 2 || tab > 3) {
            throw new IllegalStateException(name + ":" + number + ": expected 'lang<TAB>text'");
          }
          String text = unescape(line.substring(tab + 1)).strip();
          if (text.isEmpty()) {
            throw new IllegalStateException(name + ":" + number + ": empty message");
          }
          out.add(new String[] {line.substring(0, tab), text});
        }
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  /** {@code \n} becomes a newline and {@code \\} a backslash; any other backslash stays as written. */
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == 'n' || s.charAt(i + 1) == '\\')) {
        b.append(s.charAt(++i) == 'n' ? '\n' : '\\');
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
