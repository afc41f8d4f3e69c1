package dev.bulwark.promptguard.train;

import dev.bulwark.promptguard.corpus.AdversarialSuffixes;
import dev.bulwark.promptguard.ToolOutputCorpus;
import dev.bulwark.classifier.data.LabelledData;
import dev.bulwark.classifier.data.LabelledText;
import dev.bulwark.classifier.data.OrdinarySources;
import dev.bulwark.classifier.data.BadRows;
import dev.bulwark.classifier.data.OrdinaryTraffic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What the embedded head is trained on: the labelled file the user gives (the team's {@code prompt_attacks/dev.jsonl}),
 * the project's own tool-output documents (train split), and synthetic adversarial-suffix attacks built from the
 * file's plain harmful requests.
 */
public final class TrainingSet {
  public static final String SYNTHETIC_GCG = "bulwark_synthetic_gcg";

  private TrainingSet() {}

  public static List<LabelledText> assemble(Path data, boolean excludeRestrictive, int toolOutputDocs, long seed) {
    return assemble(data, excludeRestrictive, toolOutputDocs, seed, OrdinarySources.none(), BadRows.failFast());
  }

  /** As above, plus the ordinary traffic of {@code ordinary} as benign rows; bad rows of either go to {@code bad}. */
  public static List<LabelledText> assemble(Path data, boolean excludeRestrictive, int toolOutputDocs, long seed,
      OrdinarySources ordinary, BadRows bad) {
    List<LabelledText> rows = new ArrayList<>();
    for (LabelledText r : LabelledData.read(data, bad)) {
      if (r.label().equals("safe") || r.label().equals("unsafe")) {
        throw new IllegalArgumentException(data + ": row " + r.id() + " has label '" + r.label()
            + "'; prompt-guard training expects benign, injection or jailbreak");
      }
      if (!excludeRestrictive || !Licences.restrictive(r)) {
        rows.add(r);
      }
    }
    Random rnd = new Random(seed);
    List<LabelledText> synthetic = new ArrayList<>();
    for (LabelledText r : rows) {
      if (r.category().startsWith("harmful_request_no_attack")) {
        synthetic.add(new LabelledText(SYNTHETIC_GCG + ":" + r.id(), AdversarialSuffixes.attach(r.text(), rnd),
            LabelledText.JAILBREAK, "gcg_suffix:synthetic", r.lang(), SYNTHETIC_GCG, "user"));
      }
    }
    rows.addAll(synthetic);
    if (toolOutputDocs > 0) {
      rows.addAll(new ToolOutputCorpus().generate(ToolOutputCorpus.Split.TRAIN, toolOutputDocs, seed));
    }
    rows.addAll(ordinary.trainingRows(LabelledText.BENIGN, bad));
    return rows;
  }

  /**
   * Rows that must share a cross-validation fold: translations of one item, variants of one template, one GCG suffix,
   * one BIPIA context. Derived from ids and categories; anything else is its own group.
   */
  public static String group(LabelledText r) {
    if (OrdinaryTraffic.ordinary(r)) {
      return OrdinaryTraffic.group(r);
    }
    String id = r.id();
    String source = r.source();
    String local = id.startsWith(source + ":") ? id.substring(source.length() + 1) : id;
    switch (source) {
      case "purplellama_pi_ml", "purplellama_pi_en", "purplellama_sysprompt" -> {
        return "pi:" + local.replaceAll("^ml", "").replaceAll(":.*$", "");
      }
      case "mitre_frr_ml", "mitre_frr_en" -> {
        return "frr:" + local.replaceAll(":.*$", "");
      }
      case "gcg_suffix_attacks" -> {
        return "gcg:" + local.replaceAll("-.*$", "");
      }
      case "bipia" -> {
        return "bipia:" + local.replaceAll("-(clean|start|middle|end)$", "");
      }
      case "easyjailbreak" -> {
        return "ej:" + r.category();
      }
      case "awesome_chatgpt_prompts_zh" -> {
        return "zh:" + local.replaceAll("^(cn|tw)-", "");
      }
      case SYNTHETIC_GCG -> {
        return "harm:" + local;
      }
      case "harmbench" -> {
        return "harm:" + id;
      }
      default -> {
        if (source.equals("jailbreak_llms")) {
          // near-duplicate in-the-wild jailbreaks usually share their opening words
          String[] words = r.text().toLowerCase(Locale.ROOT).split("\\W+", 9);
          return "jl:" + String.join(" ", java.util.Arrays.copyOf(words, Math.min(8, words.length)));
        }
        return id;
      }
    }
  }
}
