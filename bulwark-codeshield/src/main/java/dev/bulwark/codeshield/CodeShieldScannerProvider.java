package dev.bulwark.codeshield;

import dev.bulwark.codeshield.rules.RuleException;
import dev.bulwark.codeshield.rules.RuleLoader;
import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerSettings;
import dev.bulwark.core.ScannerSpec;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Builds {@link CodeShieldScanner}s from configuration ({@code code-shield} in the scanner list). */
public final class CodeShieldScannerProvider implements ScannerProvider {

  @Override
  public ScannerSpec spec() {
    return CodeShieldSpec.SPEC;
  }

  @Override
  public CodeShieldScanner create(ScannerSettings s) {
    TreatmentPolicy policy = new TreatmentPolicy(s.get(CodeShieldSpec.ON_ERROR), s.get(CodeShieldSpec.ON_WARNING),
        s.get(CodeShieldSpec.ON_ADVICE));
    String language = s.find(CodeShieldSpec.LANGUAGE).orElse(null);
    if (language != null && Language.fromName(language).isEmpty()) {
      throw s.error(CodeShieldSpec.LANGUAGE, "unknown language '" + language + "'; expected one of " + Language.allIds());
    }
    List<String> disabled = s.get(CodeShieldSpec.DISABLED_RULES);
    CodeShield.Builder b = CodeShield.builder().policy(policy)
        .maxInputChars(s.get(CodeShieldSpec.MAX_CHARS))
        .maxParseChars(s.get(CodeShieldSpec.MAX_PARSE_CHARS))
        .ruleFilter(r -> !disabled.contains(r.id()));
    Path dir = s.find(CodeShieldSpec.RULES_DIR).orElse(null);
    if (dir != null) {
      b.addRuleDirectory(dir);
    }
    CodeShield shield;
    try {
      shield = b.build();
    } catch (RuleException | IllegalArgumentException | UncheckedIOException e) {
      throw s.error(dir != null ? CodeShieldSpec.RULES_DIR : CodeShieldSpec.DISABLED_RULES, e.getMessage());
    }
    Set<String> known = new HashSet<>();
    RuleLoader.builtIn().forEach(r -> known.add(r.id()));
    if (dir != null) {
      RuleLoader.fromDirectory(dir).forEach(r -> known.add(r.id()));
    }
    for (String id : disabled) {
      if (!known.contains(id)) {
        throw s.error(CodeShieldSpec.DISABLED_RULES, "no rule with id '" + id + "'");
      }
    }
    return new CodeShieldScanner(shield, language, s.get(CodeShieldSpec.WARN_DECISION));
  }
}
