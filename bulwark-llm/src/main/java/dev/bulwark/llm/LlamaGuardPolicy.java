package dev.bulwark.llm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a Llama Guard prompt asks the model to check: the version's format, the categories (the defaults or custom
 * ones, with descriptions) and the codes left out. Excluded categories are simply not listed in the prompt, as the
 * Hugging Face templates' {@code excluded_category_keys} do.
 */
public record LlamaGuardPolicy(LlamaGuardVersion version, List<HazardCategory> categories, Set<String> excluded) {
  public LlamaGuardPolicy {
    categories = List.copyOf(categories);
    excluded = Set.copyOf(excluded);
    Set<String> codes = new LinkedHashSet<>();
    for (HazardCategory c : categories) {
      if (!codes.add(c.code())) {
        throw new IllegalArgumentException("category code " + c.code() + " appears twice");
      }
    }
    for (String e : excluded) {
      if (!codes.contains(e)) {
        throw new IllegalArgumentException("excluded category " + e + " is not one of " + String.join(", ", codes));
      }
    }
    if (codes.size() == excluded.size()) {
      throw new IllegalArgumentException("every category is excluded: nothing would be checked");
    }
  }

  public static LlamaGuardPolicy defaults(LlamaGuardVersion version) {
    return new LlamaGuardPolicy(version, version.defaultCategories(), Set.of());
  }

  public LlamaGuardPolicy excluding(Set<String> codes) {
    return new LlamaGuardPolicy(version, categories, codes);
  }

  /** The categories the prompt lists, in order. */
  public List<HazardCategory> active() {
    List<HazardCategory> out = new ArrayList<>();
    for (HazardCategory c : categories) {
      if (!excluded.contains(c.code())) {
        out.add(c);
      }
    }
    return out;
  }

  public Optional<HazardCategory> category(String code) {
    return categories.stream().filter(c -> c.code().equals(code)).findFirst();
  }

  /** True when the categories are the version's defaults, unchanged (exclusions aside). */
  public boolean hasDefaultCategories() {
    return categories.equals(version.defaultCategories());
  }
}
