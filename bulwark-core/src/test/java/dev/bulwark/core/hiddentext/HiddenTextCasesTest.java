package dev.bulwark.core.hiddentext;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Finding;
import dev.bulwark.core.testing.AnnotatedCases;
import dev.bulwark.core.testing.AnnotatedCases.Case;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every annotated hidden-text case; every kind has cases that must and must not fire. */
class HiddenTextCasesTest {
  private static final HiddenTextScanner SCANNER = HiddenTextScanner.withDefaults();

  static Stream<Case> cases() {
    return AnnotatedCases.fromResource(HiddenTextCasesTest.class, "hidden-text.cases").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void annotatedCase(Case c) {
    Set<String> fired = SCANNER.scan(c.text()).findings().stream().map(Finding::rule).collect(Collectors.toSet());
    if (c.mustFire()) {
      assertThat(fired).as("rules fired on %s", c).contains(c.rule());
    } else {
      assertThat(fired).as("rules fired on %s", c).doesNotContain(c.rule());
    }
  }

  @Test
  void everyKindHasPositiveAndNegativeCases() {
    List<Case> all = cases().toList();
    for (HiddenTextKind k : HiddenTextKind.values()) {
      assertThat(all).as("positive case for %s", k).anyMatch(c -> c.mustFire() && c.rule().equals(k.ruleId()));
      assertThat(all).as("negative case for %s", k).anyMatch(c -> !c.mustFire() && c.rule().equals(k.ruleId()));
    }
  }
}
