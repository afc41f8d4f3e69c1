package dev.bulwark.llm;

import java.util.List;
import java.util.Locale;

/**
 * The Llama Guard models whose prompt formats Bulwark reproduces token for token. The formats come from each model's
 * Hugging Face chat template (see docs/LLAMA-GUARD.md for the differences between them).
 */
public enum LlamaGuardVersion {
  /** Llama Guard 3 8B: S1–S14; its template starts with a space before {@code <|begin_of_text|>}. */
  LLAMA_GUARD_3_8B("3-8b", true, false),
  /** Llama Guard 3 1B: S1–S13, text only. */
  LLAMA_GUARD_3_1B("3-1b", false, false),
  /** Llama Guard 3 11B Vision: S1–S13, one image per conversation ({@code <|image|>} once, at the start). */
  LLAMA_GUARD_3_VISION("3-vision", false, true),
  /** Llama Guard 4 12B: S1–S14 (S14 text only), Llama 4 header tokens, images in the turn where they occur. */
  LLAMA_GUARD_4("4", true, true);

  private final String id;
  private final boolean codeInterpreterCategory;
  private final boolean images;

  LlamaGuardVersion(String id, boolean codeInterpreterCategory, boolean images) {
    this.id = id;
    this.codeInterpreterCategory = codeInterpreterCategory;
    this.images = images;
  }

  /** The configuration name: {@code 3-8b}, {@code 3-1b}, {@code 3-vision}, {@code 4}. */
  public String id() {
    return id;
  }

  public boolean acceptsImages() {
    return images;
  }

  /**
   * The default categories with the short names the chat templates put in the prompt (the model cards' long names,
   * e.g. "Sex-Related Crimes", are not what the models were prompted with).
   */
  public List<HazardCategory> defaultCategories() {
    List<HazardCategory> all = List.of(
        HazardCategory.of("S1", "Violent Crimes."),
        HazardCategory.of("S2", "Non-Violent Crimes."),
        HazardCategory.of("S3", "Sex Crimes."),
        HazardCategory.of("S4", "Child Exploitation."),
        HazardCategory.of("S5", "Defamation."),
        HazardCategory.of("S6", "Specialized Advice."),
        HazardCategory.of("S7", "Privacy."),
        HazardCategory.of("S8", "Intellectual Property."),
        HazardCategory.of("S9", "Indiscriminate Weapons."),
        HazardCategory.of("S10", "Hate."),
        HazardCategory.of("S11", "Self-Harm."),
        HazardCategory.of("S12", "Sexual Content."),
        HazardCategory.of("S13", "Elections."),
        HazardCategory.of("S14", "Code Interpreter Abuse."));
    return codeInterpreterCategory ? all : all.subList(0, 13);
  }

  public static LlamaGuardVersion parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace("llama-guard-", "").replace("_", "-");
    for (LlamaGuardVersion v : values()) {
      if (v.id.equals(t)) {
        return v;
      }
    }
    if (t.equals("3-11b-vision") || t.equals("3-11b")) {
      return LLAMA_GUARD_3_VISION;
    }
    if (t.equals("4-12b")) {
      return LLAMA_GUARD_4;
    }
    throw new IllegalArgumentException("unknown Llama Guard version '" + text + "'; expected 3-8b, 3-1b, 3-vision or 4");
  }
}
