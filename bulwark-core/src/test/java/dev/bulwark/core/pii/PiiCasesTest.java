package dev.bulwark.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.testing.AnnotatedCases;
import dev.bulwark.core.testing.AnnotatedCases.Case;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every annotated PII case; every type has cases that must and must not fire. */
class PiiCasesTest {
  private static final PiiScanner SCANNER = PiiScanner.withDefaults();

  static Stream<Case> cases() {
    return AnnotatedCases.fromResource(PiiCasesTest.class, "pii.cases").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void annotatedCase(Case c) {
    AnnotatedCases.check(c, AnnotatedCases.rulesOf(SCANNER.scan(c.text())));
  }

  @Test
  void everyTypeHasPositiveAndNegativeCases() {
    AnnotatedCases.checkCoverage(cases().toList(), java.util.Arrays.stream(PiiType.values()).map(PiiType::ruleId).toList());
  }

  @Test
  void redactionMasksEverySpanAndKeepsTheRest() {
    PiiRedactor.Redaction r = PiiRedactor.all().redact("Mail jane@example.com or call +1 415 555 0134, card 4111-1111-1111-1111.");
    assertThat(r.text()).isEqualTo("Mail [EMAIL] or call [PHONE], card [CARD].");
    assertThat(r.matches()).extracting(PiiMatch::type).containsExactly(PiiType.EMAIL, PiiType.PHONE, PiiType.PAYMENT_CARD);
  }

  @Test
  void findingsNeverContainTheValue() {
    var result = SCANNER.scan("my card is 4111111111111111");
    assertThat(result.findings()).singleElement().satisfies(f -> {
      assertThat(f.message()).doesNotContain("4111");
      assertThat(f.start()).isEqualTo(11);
      assertThat(f.end()).isEqualTo(27);
    });
    assertThat(result.reason()).doesNotContain("4111");
  }
}
