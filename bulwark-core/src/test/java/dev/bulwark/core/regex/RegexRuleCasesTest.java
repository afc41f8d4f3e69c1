package dev.bulwark.core.regex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Finding;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.testing.AnnotatedCases;
import dev.bulwark.core.testing.AnnotatedCases.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every annotated case beside the shipped regex rules. Adding a rule is adding YAML, cases, and running this. */
class RegexRuleCasesTest {
  private static final RegexScanner SCANNER = RegexScanner.withDefaults();

  static Stream<Case> cases() {
    List<Case> all = new ArrayList<>();
    for (String file : RegexRules.defaultFiles()) {
      all.addAll(AnnotatedCases.fromResource(RegexRules.class, RegexRules.RESOURCE_DIR + file.replace(".yaml", ".cases")));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void annotatedCase(Case c) {
    ScanResult result = SCANNER.scan(c.text());
    Set<String> fired = result.findings().stream().map(Finding::rule).collect(Collectors.toSet());
    if (c.mustFire()) {
      assertThat(fired).as("rules fired on %s", c).contains(c.rule());
    } else {
      assertThat(fired).as("rules fired on %s", c).doesNotContain(c.rule());
    }
  }

  @Test
  void everyRuleHasPositiveAndNegativeCases() {
    List<Case> all = cases().toList();
    for (RegexRule rule : RegexRules.defaults()) {
      assertThat(all).as("positive case for %s", rule.id()).anyMatch(c -> c.mustFire() && c.rule().equals(rule.id()));
      assertThat(all).as("negative case for %s", rule.id()).anyMatch(c -> !c.mustFire() && c.rule().equals(rule.id()));
    }
    Set<String> ids = RegexRules.defaults().stream().map(RegexRule::id).collect(Collectors.toSet());
    assertThat(all).as("cases naming unknown rules").allMatch(c -> ids.contains(c.rule()));
  }
}
