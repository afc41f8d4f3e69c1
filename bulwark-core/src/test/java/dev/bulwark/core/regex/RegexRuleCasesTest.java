package dev.bulwark.core.regex;

import dev.bulwark.core.testing.AnnotatedCases;
import dev.bulwark.core.testing.AnnotatedCases.Case;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every annotated case beside the shipped regex rules. Adding a rule is adding YAML, cases, and running this. */
class RegexRuleCasesTest {
  private static final RegexScanner SCANNER = RegexScanner.withDefaults();

  static Stream<Case> cases() {
    List<Case> all = new java.util.ArrayList<>();
    for (String file : RegexRules.defaultFiles()) {
      all.addAll(AnnotatedCases.fromResource(RegexRules.class, RegexRules.RESOURCE_DIR + file.replace(".yaml", ".cases")));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void annotatedCase(Case c) {
    AnnotatedCases.check(c, AnnotatedCases.rulesOf(SCANNER.scan(c.text())));
  }

  @Test
  void everyRuleHasPositiveAndNegativeCases() {
    AnnotatedCases.checkCoverage(cases().toList(), RegexRules.defaults().stream().map(RegexRule::id).toList());
  }
}
