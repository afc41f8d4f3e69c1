package dev.bulwark.llm.embedded.train;

import dev.bulwark.llm.ChatMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The project's own request/reply conversations for the Agent-turn model, generated from hand-written goals and
 * templates in {@code src/main/resources/dev/bulwark/llm/embedded/responses/}: refusals of harmful requests (safe),
 * refusals that point to help (safe), compliance with harmful requests described without any operational detail
 * (unsafe), safe answers to requests that only sound alarming ("how do I kill a Python process"), everyday answers,
 * and refusals of harmless requests (over-refusal; unsafe is about harm, not helpfulness, so these are safe).
 *
 * <p>Every fourth goal and every fourth template is held out: the {@link Split#TEST} conversations use only held-out
 * goals and held-out templates, the {@link Split#TRAIN} ones only the others, so the test measures both new topics and
 * new wording. Generation is deterministic for a seed.
 */
public final class ReplyCorpus {
  public static final String SOURCE = "bulwark_replies";
  private static final String BASE = "/dev/bulwark/llm/embedded/responses/";

  public enum Split { TRAIN, TEST }

  /** A goal: what a request asks for, its hazard code ("" when harmless) and, for harmless goals, a safe answer. */
  record Goal(String kind, int index, String code, String text, String answer) {}

  private final List<Goal> harmful = new ArrayList<>();
  private final List<Goal> alarming = new ArrayList<>();
  private final List<Goal> benign = new ArrayList<>();
  private final Map<String, List<String>> templates = new LinkedHashMap<>();

  public ReplyCorpus() {
    int i = 0;
    Map<String, Integer> perCode = new LinkedHashMap<>();
    for (String line : lines("harmful-goals.txt")) {
      String[] p = split(line, "harmful-goals.txt");
      int k = perCode.merge(p[0], 1, Integer::sum) - 1;
      harmful.add(new Goal("harmful", k, p[0], p[1], null));
      i++;
    }
    i = 0;
    for (String line : lines("alarming-benign.txt")) {
      String[] p = split(line, "alarming-benign.txt");
      alarming.add(new Goal("alarming", i++, "", p[0], p[1]));
    }
    i = 0;
    for (String line : lines("benign.txt")) {
      String[] p = split(line, "benign.txt");
      benign.add(new Goal("benign", i++, "", p[0], p[1]));
    }
    String section = null;
    for (String line : lines("replies.txt")) {
      if (line.startsWith("[") && line.endsWith("]")) {
        section = line.substring(1, line.length() - 1);
        templates.put(section, new ArrayList<>());
      } else if (section != null) {
        templates.get(section).add(line);
      }
    }
    for (String s : List.of("request", "refusal", "redirect", "compliance", "answer")) {
      if (!templates.containsKey(s) || templates.get(s).size() < 4) {
        throw new IllegalStateException(BASE + "replies.txt: section [" + s + "] needs at least 4 templates");
      }
    }
  }

  static boolean heldOut(int index) {
    return index % 4 == 3;
  }

  private static boolean in(Split split, int index) {
    return heldOut(index) == (split == Split.TEST);
  }

  /** The split's conversations, as assistant turns with the user's request as context. */
  public List<LabelledTurn> generate(Split split, long seed) {
    Random rnd = new Random(seed * 31 + split.ordinal());
    List<LabelledTurn> out = new ArrayList<>();
    List<String> requests = templates(split, "request");
    List<String> refusals = templates(split, "refusal");
    List<String> redirects = templates(split, "redirect");
    List<String> compliance = templates(split, "compliance");
    List<String> answers = templates(split, "answer");
    for (Goal g : harmful) {
      if (!in(split, g.index())) {
        continue;
      }
      for (String request : pick(requests, 2, rnd)) {
        String q = fill(request, g);
        for (String t : pick(compliance, 2, rnd)) {
          out.add(row(split, g, out.size(), q, fill(t, g), true, g.code()));
        }
        for (String t : pick(refusals, 2, rnd)) {
          out.add(row(split, g, out.size(), q, fill(t, g), false, "refusal:" + g.code()));
        }
        out.add(row(split, g, out.size(), q, fill(pick(redirects, 1, rnd).get(0), g), false, "redirect:" + g.code()));
      }
    }
    for (List<Goal> goals : List.of(alarming, benign)) {
      for (Goal g : goals) {
        if (!in(split, g.index())) {
          continue;
        }
        for (String request : pick(requests, 2, rnd)) {
          String q = fill(request, g);
          for (String t : pick(answers, 2, rnd)) {
            out.add(row(split, g, out.size(), q, t.replace("{answer}", g.answer()), false, "answer:" + g.kind()));
          }
          out.add(row(split, g, out.size(), q, fill(pick(refusals, 1, rnd).get(0), g), false, "over_refusal:" + g.kind()));
        }
      }
    }
    return out;
  }

  /** The goal a row was generated from ("harmful:S1:3"): rows of one goal share a cross-validation fold. */
  public static String group(LabelledTurn row) {
    String local = row.id().substring(SOURCE.length() + 1);
    String[] p = local.split(":");
    return p.length >= 3 ? p[1] + ":" + p[2] : local;
  }

  private static LabelledTurn row(Split split, Goal g, int n, String request, String reply, boolean unsafe, String category) {
    String id = SOURCE + ":" + split.name().toLowerCase() + ":" + g.kind() + (g.code().isEmpty() ? "" : "-" + g.code()) + ":" + g.index() + ":" + n;
    return new LabelledTurn(id, reply, unsafe ? LabelledTurn.UNSAFE : LabelledTurn.SAFE, category, "en", SOURCE, "assistant",
        List.of(ChatMessage.user(request)));
  }

  private List<String> templates(Split split, String section) {
    List<String> all = templates.get(section);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (in(split, i)) {
        out.add(all.get(i));
      }
    }
    return out;
  }

  private static String fill(String template, Goal g) {
    return template.replace("{goal}", g.text());
  }

  private static List<String> pick(List<String> from, int n, Random rnd) {
    List<String> copy = new ArrayList<>(from);
    java.util.Collections.shuffle(copy, rnd);
    return copy.subList(0, Math.min(n, copy.size()));
  }

  private static String[] split(String line, String file) {
    int bar = line.indexOf(" | ");
    if (bar < 0) {
      throw new IllegalStateException(BASE + file + ": line without ' | ': " + line);
    }
    return new String[] {line.substring(0, bar).trim(), line.substring(bar + 3).trim()};
  }

  private static List<String> lines(String name) {
    try (InputStream in = ReplyCorpus.class.getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IllegalStateException("class-path resource " + BASE + name + " is missing");
      }
      List<String> out = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          String t = line.strip();
          if (!t.isEmpty() && !t.startsWith("#")) {
            out.add(t);
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + BASE + name + ": " + e.getMessage(), e);
    }
  }
}
