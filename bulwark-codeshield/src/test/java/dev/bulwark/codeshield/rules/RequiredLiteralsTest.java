package dev.bulwark.codeshield.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class RequiredLiteralsTest {
  @Test
  void derivesLiteralsFromAlternativesAndRuns() {
    assertThat(RequiredLiterals.of("(?<![\\w.>])(?:strcpy|strcat)\\s*\\(")).containsExactlyInAnyOrder("strcpy", "strcat");
    assertThat(RequiredLiterals.of("\\bMessageDigest\\s*\\.\\s*getInstance")).containsExactly("messagedigest");
    assertThat(RequiredLiterals.of("\\byaml\\s*\\.\\s*load|\\bpickle\\.loads")).containsExactlyInAnyOrder("yaml", "pickle.loads");
  }

  @Test
  void saysHowFarIntoAMatchEachLiteralMayStart() {
    assertThat(RequiredLiterals.requirement("\\bMessageDigest\\s{0,2}\\.getInstance", false).maxBefore())
        .containsExactly(java.util.Map.entry("messagedigest", 0));
    assertThat(RequiredLiterals.requirement("(?<![\\w.])[rbu]?[\"']password[\"']", true).maxBefore())
        .containsExactly(java.util.Map.entry("password", 2));
    // A shorter literal at a known distance beats a longer one that may start anywhere.
    assertThat(RequiredLiterals.requirement("\\bfor\\s*\\([^)]*\\)\\s*\\{[^}]*push_back", false).maxBefore())
        .containsExactly(java.util.Map.entry("for", 0));
    assertThat(RequiredLiterals.requirement("\\w+\\s*=\\s*eval\\(", false).maxBefore())
        .containsExactly(java.util.Map.entry("eval(", RequiredLiterals.UNBOUNDED));
  }

  @Test
  void givesUpWhenABranchHasNoLiteral() {
    assertThat(RequiredLiterals.of("\\w+\\s*=|eval")).isNull();
    assertThat(RequiredLiterals.of("a?b*")).isNull();
  }

  /** Whatever the analysis says must hold for every built-in rule: each example's ruleid lines contain a literal. */
  @Test
  void everyRuleMatchOnItsExamplesContainsARequiredLiteral() throws Exception {
    for (Rule r : RuleLoader.builtIn()) {
      if (r.isTaint()) {
        continue; // no single regex: the taint pass gates on its sinks instead
      }
      var lits = RequiredLiterals.of(r.regex() != null ? r.regex().pattern() : r.prefilter().pattern());
      if (lits == null || r.regex() == null) {
        continue;
      }
      java.nio.file.Path root = RuleExamplesTest.rulesRoot();
      String file = r.source().substring(r.source().indexOf(RuleLoader.BUILT_IN) + RuleLoader.BUILT_IN.length() + 1);
      String base = file.replaceFirst("\\.yaml$", "");
      try (var files = java.nio.file.Files.list(root.resolve(file).getParent())) {
        for (var f : files.filter(p -> p.getFileName().toString().startsWith(base.substring(base.lastIndexOf('/') + 1) + ".")
            && !p.toString().endsWith(".yaml")).toList()) {
          String text = java.nio.file.Files.readString(f);
          Matcher m = r.regex().matcher(text);
          while (m.find()) {
            String hit = m.group().toLowerCase(Locale.ROOT);
            assertThat(lits).as("%s matched '%s' without any of %s", r.id(), hit, lits).anyMatch(hit::contains);
          }
        }
      }
    }
  }
}
