package dev.bulwark.llm;

import dev.bulwark.llm.embedded.train.ReplyCorpus;
import dev.bulwark.llm.LabelledTurns;
import dev.bulwark.llm.LabelledTurn;
import dev.bulwark.classifier.data.EverydayCorpus;
import dev.bulwark.classifier.data.BadRows;
import dev.bulwark.classifier.data.LabelledText;
import dev.bulwark.classifier.data.OrdinarySources;
import dev.bulwark.classifier.data.OrdinaryTraffic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The labelled prompts the head is trained on ({@code ../shared/datasets/content_safety/dev.jsonl}), with what the
 * dataset's README says about each source: its licence, and whether its labels are weak.
 */
public final class SafetyData {
  /** AILuminate prompts are hazard-eliciting test prompts, not verified unsafe (~20% read as benign). */
  public static final Set<String> WEAK = Set.of("ailuminate_en", "ailuminate_fr");

  /** CC-BY-NC-4.0: not for commercial training. */
  public static final Set<String> NON_COMMERCIAL = Set.of("simplesafetytests");

  private static final Map<String, String> LICENCES = Map.ofEntries(
      Map.entry("ailuminate_en", "CC-BY-4.0"), Map.entry("ailuminate_fr", "CC-BY-4.0"), Map.entry("xstest", "CC-BY-4.0"),
      Map.entry("simplesafetytests", "CC-BY-NC-4.0"), Map.entry("arena_hard", "Apache-2.0"),
      Map.entry("do_not_answer", "Apache-2.0"), Map.entry("awesome_chatgpt_prompts", "CC0-1.0"),
      Map.entry("awesome_chatgpt_prompts_ru", "CC0-1.0"), Map.entry("awesome_chatgpt_prompts_zh", "MIT"),
      Map.entry("forbidden_questions", "MIT"), Map.entry("harmbench", "MIT"), Map.entry("mitre_frr_en", "MIT"),
      Map.entry("mitre_frr_ml", "MIT"), Map.entry("openai_moderation", "MIT"), Map.entry("purplellama_instruct", "MIT"),
      Map.entry("purplellama_interpreter", "MIT"), Map.entry("purplellama_sysprompt", "MIT"),
      Map.entry(ReplyCorpus.SOURCE, "this project"), Map.entry(ReplyCorpus.PROMPT_SOURCE, "this project"));

  private SafetyData() {}

  /** The licence of a source as the dataset README gives it, or "unknown". */
  public static String licence(String source) {
    return LICENCES.getOrDefault(source, "unknown");
  }

  /** Rows the project generated itself (prompts and conversations from hand-written goals and templates). */
  public static boolean generated(String source) {
    return source.equals(ReplyCorpus.SOURCE) || source.equals(ReplyCorpus.PROMPT_SOURCE);
  }

  public static boolean weak(LabelledTurn r) {
    return WEAK.contains(r.source());
  }

  /** Benign prompts that only sound dangerous (XSTest safe prompts, CyberSecEval false-refusal prompts). */
  public static boolean overRefusal(LabelledTurn r) {
    return !r.unsafe() && (r.source().equals("xstest") || r.source().startsWith("mitre_frr") || r.category().startsWith("xstest")
        || r.category().startsWith("cyber_frr"));
  }

  /** Everyday traffic: read from a benign-traffic file ({@code --benign}) or the project's own everyday corpus. */
  public static boolean ordinary(LabelledTurn r) {
    return r.category().startsWith(OrdinaryTraffic.CATEGORY_PREFIX) || r.source().equals(EverydayCorpus.SOURCE);
  }

  /** The ordinary-traffic training rows of {@code sources}, as safe user (or tool) turns. */
  public static List<LabelledTurn> ordinary(OrdinarySources sources, BadRows bad) {
    List<LabelledTurn> out = new ArrayList<>();
    for (LabelledText t : sources.trainingRows(LabelledTurn.SAFE, bad)) {
      out.add(turn(t));
    }
    return out;
  }

  /** A labelled text as a turn without context. */
  public static LabelledTurn turn(LabelledText t) {
    return new LabelledTurn(t.id(), t.text(), t.label(), t.category(), t.lang(), t.source(), t.role(), List.of());
  }

  /** The training prompts of {@code file}, without the excluded sources. */
  public static List<LabelledTurn> load(Path file, boolean excludeNonCommercial, boolean excludeWeak) {
    return load(file, excludeNonCommercial, excludeWeak, BadRows.failFast());
  }

  /** As above; bad rows go to {@code bad}. */
  public static List<LabelledTurn> load(Path file, boolean excludeNonCommercial, boolean excludeWeak, BadRows bad) {
    List<LabelledTurn> out = new ArrayList<>();
    for (LabelledTurn r : LabelledTurns.read(file, bad)) {
      if (r.reply()) {
        continue; // prompts only; replies come from the project's own corpus
      }
      if ((excludeNonCommercial && NON_COMMERCIAL.contains(r.source())) || (excludeWeak && weak(r))) {
        continue;
      }
      out.add(r);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(file + ": no training rows left");
    }
    if (out.stream().noneMatch(LabelledTurn::unsafe) || out.stream().allMatch(LabelledTurn::unsafe)) {
      throw new IllegalArgumentException(file + ": training needs both safe and unsafe rows");
    }
    return out;
  }

  /**
   * Rows that must share a cross-validation fold: translations of one CyberSecEval prompt, the simplified and
   * traditional Chinese versions of one role-play prompt. Anything else is its own group (the dataset already removed
   * near-duplicates).
   */
  public static String group(LabelledTurn r) {
    String id = r.id();
    String source = r.source();
    String local = id.startsWith(source + ":") ? id.substring(source.length() + 1) : id;
    if (ordinary(r)) {
      return r.category().startsWith(OrdinaryTraffic.CATEGORY_PREFIX) ? r.category() : id;
    }
    return switch (source) {
      case "mitre_frr_ml", "mitre_frr_en" -> "frr:" + local.replaceAll(":.*$", "");
      case "awesome_chatgpt_prompts_zh" -> "zh:" + local.replaceAll("^(cn|tw)-", "");
      case ReplyCorpus.SOURCE, ReplyCorpus.PROMPT_SOURCE -> ReplyCorpus.group(r);
      default -> id;
    };
  }
}
