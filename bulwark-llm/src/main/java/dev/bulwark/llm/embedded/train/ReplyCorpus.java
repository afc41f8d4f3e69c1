package dev.bulwark.llm.embedded.train;

import dev.bulwark.llm.LabelledTurn;
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
  public static final String PROMPT_SOURCE = "bulwark_prompts";
  private static final String BASE = "/dev/bulwark/llm/embedded/responses/";

  public enum Split { TRAIN, TEST }

  /** A template line and its index in its section (held-out split and cross-validation grouping use it). */
  record Template(String section, int index, String text) {}

  /** A goal: what a request asks for, its hazard code ("" when harmless) and, for harmless goals, a safe answer. */
  record Goal(String kind, int index, String code, String text, String answer) {}

  private final List<Goal> harmful = new ArrayList<>();
  private final List<Goal> alarming = new ArrayList<>();
  private final List<Goal> benign = new ArrayList<>();
  private final Map<String, List<String>> templates = new LinkedHashMap<>();

  public ReplyCorpus() {
    Map<String, Integer> perCode = new LinkedHashMap<>();
    for (String line : lines("harmful-goals.txt")) {
      String[] p = split(line, "harmful-goals.txt");
      int k = perCode.merge(p[0], 1, Integer::sum) - 1;
      harmful.add(new Goal("harmful", k, p[0], p[1], null));
    }
    int i = 0;
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
    List<Template> requests = templates(split, "request");
    List<Template> refusals = templates(split, "refusal");
    List<Template> redirects = templates(split, "redirect");
    List<Template> compliance = templates(split, "compliance");
    List<Template> answers = templates(split, "answer");
    for (Goal g : harmful) {
      if (!in(split, g.index())) {
        continue;
      }
      for (Template request : pick(requests, 2, rnd)) {
        String q = fill(request, g);
        for (Template t : pick(compliance, 2, rnd)) {
          out.add(row(split, g, t, out.size(), q, fill(t, g), true, g.code()));
        }
        for (Template t : pick(refusals, 2, rnd)) {
          out.add(row(split, g, t, out.size(), q, fill(t, g), false, "refusal:" + g.code()));
        }
        Template t = pick(redirects, 1, rnd).get(0);
        out.add(row(split, g, t, out.size(), q, fill(t, g), false, "redirect:" + g.code()));
      }
    }
    for (List<Goal> goals : List.of(alarming, benign)) {
      for (Goal g : goals) {
        if (!in(split, g.index())) {
          continue;
        }
        for (Template request : pick(requests, 2, rnd)) {
          String q = fill(request, g);
          for (Template t : pick(answers, 2, rnd)) {
            out.add(row(split, g, t, out.size(), q, t.text().replace("{answer}", g.answer()), false, "answer:" + g.kind()));
          }
          Template t = pick(refusals, 1, rnd).get(0);
          out.add(row(split, g, t, out.size(), q, fill(t, g), false, "over_refusal:" + g.kind()));
        }
      }
    }
    return out;
  }

  /**
   * User prompts built from the split's goals and request templates ({@code copies} per goal): harmful goals are
   * unsafe with their code, alarming-but-benign and everyday goals safe. They add the project's own benign prompts
   * that only sound dangerous, next to harmful ones in the same wording, to the prompt model's training data.
   */
  public List<LabelledTurn> prompts(Split split, int copies, long seed) {
    Random rnd = new Random(seed * 17 + split.ordinal());
    List<Template> requests = templates(split, "request");
    List<LabelledTurn> out = new ArrayList<>();
    for (List<Goal> goals : List.of(harmful, alarming, benign)) {
      for (Goal g : goals) {
        if (!in(split, g.index())) {
          continue;
        }
        for (Template request : pick(requests, copies, rnd)) {
          boolean unsafe = !g.code().isEmpty();
          String id = PROMPT_SOURCE + ":" + split.name().toLowerCase() + ":" + g.kind() + (unsafe ? "-" + g.code() : "") + ":" + g.index()
              + ":request" + request.index();
          out.add(new LabelledTurn(id, fill(request, g), unsafe ? LabelledTurn.UNSAFE : LabelledTurn.SAFE,
              unsafe ? g.code() : "generated:" + g.kind(), "en", PROMPT_SOURCE, "user", List.of()));
        }
      }
    }
    return out;
  }

  /** The goal a row was generated from ("harmful-S1:3"): rows of one goal share a cross-validation fold. */
  public static String group(LabelledTurn row) {
    String local = row.id().substring(row.source().length() + 1);
    String[] p = local.split(":");
    return p.length >= 3 ? p[1] + ":" + p[2] : local;
  }

  /** The reply template a row was generated from ("refusal7"). */
  public static String template(LabelledTurn row) {
    String[] p = row.id().split(":");
    return p.length >= 6 ? p[4] : row.id();
  }

  private static LabelledTurn row(Split split, Goal g, Template t, int n, String request, String reply, boolean unsafe, String category) {
    String id = SOURCE + ":" + split.name().toLowerCase() + ":" + g.kind() + (g.code().isEmpty() ? "" : "-" + g.code()) + ":" + g.index()
        + ":" + t.section() + t.index() + ":" + n;
    return new LabelledTurn(id, reply, unsafe ? LabelledTurn.UNSAFE : LabelledTurn.SAFE, category, "en", SOURCE, "assistant",
        List.of(ChatMessage.user(request)));
  }

  private List<Template> templates(Split split, String section) {
    List<String> all = templates.get(section);
    List<Template> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (in(split, i)) {
        out.add(new Template(section, i, all.get(i)));
      }
    }
    return out;
  }

  private static String fill(Template template, Goal g) {
    return template.text().replace("{goal}", g.text());
  }

  private static <T> List<T> pick(List<T> from, int n, Random rnd) {
    List<T> copy = new ArrayList<>(from);
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
