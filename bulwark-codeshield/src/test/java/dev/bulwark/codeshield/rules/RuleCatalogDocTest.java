package dev.bulwark.codeshield.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/CODESHIELD.md carries the rule catalogue generated from the rule files. This test fails when the two drift;
 * {@code mvn -pl bulwark-codeshield -am test -Dtest=RuleCatalogDocTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbulwark.updateDocs=true} rewrites the section.
 */
class RuleCatalogDocTest {
  private static final Path DOC = Path.of("..", "docs", "CODESHIELD.md");

  @Test
  void docsListEveryRule() throws Exception {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String expected = RuleCatalog.replaceIn(doc, RuleLoader.builtIn());
    if (Boolean.getBoolean("bulwark.updateDocs") && !expected.equals(doc)) {
      Files.writeString(DOC, expected, StandardCharsets.UTF_8);
      doc = expected;
    }
    assertThat(doc).as("docs/CODESHIELD.md rule catalogue is stale: rerun with -Dbulwark.updateDocs=true").isEqualTo(expected);
    for (Rule r : RuleLoader.builtIn()) {
      assertThat(doc).contains("`" + r.id() + "`");
    }
  }
}
