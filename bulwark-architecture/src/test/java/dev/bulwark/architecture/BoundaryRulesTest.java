package dev.bulwark.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** The rules fail on a fixture that breaks them (so ModuleBoundariesTest passing means something). */
class BoundaryRulesTest {
  private static final ModuleExports FIXTURE_EXPORTS =
      ModuleExports.parse("fixtures", "[exports]\nalpha\nbeta\n");
  private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages("fixtures");

  @Test
  void aClassUsingAnotherModulesInternalPackageIsAViolation() {
    EvaluationResult result =
        BoundaryRules.noUseOfOtherModulesInternals(FIXTURE_EXPORTS, "fixtures").evaluate(FIXTURES);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anySatisfy(d -> assertThat(d).contains("fixtures.beta.Client").contains("fixtures.alpha.internal.Engine"))
        .noneSatisfy(d -> assertThat(d).contains("GoodClient"))
        .noneSatisfy(d -> assertThat(d).startsWith("Method <fixtures.alpha.Api"));
    assertThatThrownBy(
            () -> BoundaryRules.noUseOfOtherModulesInternals(FIXTURE_EXPORTS, "fixtures").check(FIXTURES))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("is internal to module alpha");
  }

  @Test
  void exportingThePackageMakesTheSameUseLegal() {
    ModuleExports exportsInternal = ModuleExports.parse("fixtures", "[exports]\nalpha internal\nbeta\n");

    assertThat(
            BoundaryRules.noUseOfOtherModulesInternals(exportsInternal, "fixtures").evaluate(FIXTURES).hasViolation())
        .isFalse();
  }

  @Test
  void aModuleThatReadsInternalsMayUseThem() {
    ModuleExports betaReads = ModuleExports.parse("fixtures", "[exports]\nalpha\n[reads internals]\nbeta\n");

    assertThat(BoundaryRules.noUseOfOtherModulesInternals(betaReads, "fixtures").evaluate(FIXTURES).hasViolation())
        .isFalse();
  }

  @Test
  void anInternalTypeInAnExportedSignatureIsAViolation() {
    EvaluationResult result =
        BoundaryRules.noInternalTypesInExportedSignatures(FIXTURE_EXPORTS, "fixtures").evaluate(FIXTURES);

    assertThat(result.getFailureReport().getDetails())
        .singleElement()
        .satisfies(d -> assertThat(d).contains("fixtures.alpha.Leaky.engines()").contains("Engine"));
  }

  @Test
  void anAllowedLeakIsNotReportedButOnlyThatMember() {
    ModuleExports allowed =
        ModuleExports.parse("fixtures", "[exports]\nalpha\nbeta\n[allowed leaks]\nfixtures.alpha.Leaky.engines\n");
    ModuleExports otherMember =
        ModuleExports.parse("fixtures", "[exports]\nalpha\nbeta\n[allowed leaks]\nfixtures.alpha.Leaky.engine\n");

    assertThat(BoundaryRules.noInternalTypesInExportedSignatures(allowed, "fixtures").evaluate(FIXTURES).hasViolation())
        .isFalse();
    assertThat(
            BoundaryRules.noInternalTypesInExportedSignatures(otherMember, "fixtures").evaluate(FIXTURES).hasViolation())
        .isTrue();
  }

  @Test
  void aMalformedDeclarationIsRejectedWithItsLine() {
    assertThatThrownBy(() -> ModuleExports.parse("fixtures", "[exports]\nalpha\nalpha x\n"))
        .hasMessageContaining("line 3")
        .hasMessageContaining("declared twice");
    assertThatThrownBy(() -> ModuleExports.parse("fixtures", "alpha\n"))
        .hasMessageContaining("line 1");
  }
}
