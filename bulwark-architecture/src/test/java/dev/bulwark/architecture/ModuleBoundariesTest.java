package dev.bulwark.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The boundaries of the product's modules, checked on every module's main classes (this module depends on all of
 * them; tests are not imported). The declaration is exports.txt; docs/ARCHITECTURE.md explains it.
 */
class ModuleBoundariesTest {
  private static final String BASE = "dev.bulwark";
  private static final ModuleExports EXPORTS = ModuleExports.declared();
  private static final JavaClasses PRODUCT =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);

  @Test
  void everyModuleIsDeclaredAndSeen() {
    Set<String> seen = new TreeSet<>();
    for (JavaClass c : PRODUCT) {
      String module = EXPORTS.moduleOf(c.getName());
      if (module != null) {
        seen.add(module);
      }
    }
    assertThat(seen).as("modules found on the class path").containsExactlyInAnyOrderElementsOf(EXPORTS.modules());
  }

  @Test
  void noModuleUsesAnotherModulesInternalPackages() {
    BoundaryRules.noUseOfOtherModulesInternals(EXPORTS, BASE).check(PRODUCT);
  }

  /**
   * Scanned text is matched with RE2 (re2j, linear time). {@code java.util.regex} backtracks, so it may appear only
   * here: Code Shield (its rules need lookaround and backreferences and run under a time budget, see BudgetedText),
   * the CyberSecEval harness and the benchmarks (they read benchmark files and model answers, not traffic), the names
   * of tensors in a model file (classifier.onnx) and of Unicode characters (Confusables, while loading its table).
   */
  @Test
  void onlyTheListedPlacesUseBacktrackingRegex() {
    noClasses()
        .that()
        .resideInAPackage(BASE + "..")
        .and()
        .resideOutsideOfPackages(
            BASE + ".codeshield..", BASE + ".eval..", BASE + ".bench..", BASE + ".classifier.onnx..")
        .and()
        .doNotHaveFullyQualifiedName(BASE + ".text.Confusables")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.util.regex..")
        .because("scanned text is matched with RE2 (docs/ARCHITECTURE.md)")
        .check(PRODUCT);
  }

  @Test
  void exportedSignaturesShowOnlyExportedTypes() {
    BoundaryRules.noInternalTypesInExportedSignatures(EXPORTS, BASE).check(PRODUCT);
  }
}
