package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Parameter;
import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerRegistry;
import dev.bulwark.core.regex.RegexRule;
import dev.bulwark.core.regex.RegexRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The docs list every scanner setting and every shipped regex rule, so they cannot drift from the code. */
class DocsAreCompleteTest {
  private static String allDocs() throws IOException {
    Path docs = Path.of("..", "docs");
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(docs)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".md")).toList()) {
        all.append(Files.readString(p)).append('\n');
      }
    }
    return all.toString();
  }

  @Test
  void everyScannerAndSettingIsDocumented() throws IOException {
    String docs = allDocs();
    for (ScannerProvider p : ScannerRegistry.discover().all()) {
      assertThat(docs).as("docs mention scanner %s", p.name()).contains(p.name());
      for (Parameter param : p.parameters()) {
        assertThat(docs).as("docs mention setting %s of %s", param.name(), p.name()).contains("`" + param.name() + "`");
      }
    }
  }

  @Test
  void theScannerReferenceIsUpToDate() throws IOException {
    String expected = ScannersCommand.markdown(ScannerRegistry.discover());
    String actual = Files.readString(Path.of("..", "docs", "SCANNERS.md"));
    assertThat(actual).as("docs/SCANNERS.md is stale: regenerate it with ./bulwark scanners --markdown > docs/SCANNERS.md")
        .isEqualTo(expected);
  }

  @Test
  void everyShippedRegexRuleIsInTheConfigurationReference() throws IOException {
    String reference = Files.readString(Path.of("..", "docs", "CONFIGURATION.md"));
    for (RegexRule r : RegexRules.defaults()) {
      assertThat(reference).as("CONFIGURATION.md lists %s", r.id()).contains("`" + r.id() + "`");
    }
  }
}
