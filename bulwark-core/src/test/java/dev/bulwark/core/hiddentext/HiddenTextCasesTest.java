package dev.bulwark.core.hiddentext;

import dev.bulwark.core.testing.AnnotatedCases;
import dev.bulwark.core.testing.AnnotatedCases.Case;
import java.util.Arrays;
import java.util.List;
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
    AnnotatedCases.check(c, AnnotatedCases.rulesOf(SCANNER.scan(c.text())));
  }

  @Test
  void everyRuleHasPositiveAndNegativeCases() {
    AnnotatedCases.checkCoverage(cases().toList(), Arrays.stream(HiddenTextKind.values()).map(HiddenTextKind::ruleId).toList());
  }
}
