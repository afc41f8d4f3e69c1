package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerRegistry;
import dev.bulwark.core.ScannerSpec;
import dev.bulwark.core.Setting;
import dev.bulwark.core.regex.RegexRule;
import dev.bulwark.core.regex.RegexRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The docs agree with the scanners' specs: docs/SCANNERS.md is generated from them, and the hand-written settings
 * tables elsewhere (which explain more) list exactly the declared settings with the declared defaults.
 */
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
      for (Setting<?> setting : p.spec().settings()) {
        assertThat(docs).as("docs mention setting %s of %s", setting.name(), p.name()).contains("`" + setting.name() + "`");
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

  /** Each row: the doc, the heading of the section holding the table, the scanner it documents. */
  @ParameterizedTest(name = "{0} ({1}) documents {2}")
  @CsvSource({
      "CONFIGURATION.md, ## hidden-text, hidden-text",
      "CONFIGURATION.md, ## regex, regex",
      "CONFIGURATION.md, ## pii, pii",
      "CODESHIELD.md, ## Policy and configuration, code-shield",
      "PROMPT-GUARD.md, ## Configuration keys, prompt-guard"})
  void handWrittenSettingsTablesAgreeWithTheSpec(String doc, String heading, String scanner) throws IOException {
    ScannerSpec spec = ScannerRegistry.discover().find(scanner).orElseThrow().spec();
    Map<String, String> documented = settingsTable(Files.readString(Path.of("..", "docs", doc)), heading);
    assertThat(documented.keySet()).as("%s, section '%s': the keys of %s's table", doc, heading, scanner)
        .containsExactlyInAnyOrderElementsOf(spec.settingNames());
    for (Setting<?> s : spec.settings()) {
      String given = documented.get(s.name());
      String declared = s.defaultText().orElse(null);
      assertThat(agree(given, declared))
          .as("%s, section '%s': default of %s.%s is '%s' in the doc, '%s' in the spec", doc, heading, scanner, s.name(),
              given, declared)
          .isTrue();
    }
  }

  /** A doc's default agrees when it is the declared one (maybe followed by a remark), or says "none" for none. */
  private static boolean agree(String documented, String declared) {
    String d = documented.replace("`", "").trim().toLowerCase(Locale.ROOT);
    if (declared == null) {
      return d.isEmpty() || d.equals("—") || d.equals("–") || d.equals("-") || d.startsWith("none");
    }
    String decl = declared.toLowerCase(Locale.ROOT);
    return d.equals(decl) || d.startsWith(decl + " ");
  }

  /**
   * Key → default column of the first {@code | key | ...} table in the section under {@code heading}. A row may
   * document several keys at once ({@code `on-error` / `on-warning`} with {@code block / warn}).
   */
  private static Map<String, String> settingsTable(String markdown, String heading) {
    List<String> lines = markdown.lines().toList();
    int at = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(heading)) {
        at = i;
        break;
      }
    }
    assertThat(at).as("heading '%s'", heading).isNotNegative();
    Map<String, String> out = new LinkedHashMap<>();
    int defaultColumn = -1;
    for (int i = at + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
      String line = lines.get(i);
      if (defaultColumn < 0) {
        if (line.startsWith("| key |")) {
          defaultColumn = cells(line).indexOf("default");
          i++;  // the |---| line
        }
        continue;
      }
      if (!line.startsWith("|")) {
        break;
      }
      List<String> cells = cells(line);
      String[] keys = cells.get(0).split("\\s*[/,]\\s*");
      String[] defaults = keys.length > 1 ? cells.get(defaultColumn).split("\\s*[/,]\\s*") : new String[] {cells.get(defaultColumn)};
      assertThat(defaults).as("one default per key in row %s", line).hasSize(keys.length);
      for (int k = 0; k < keys.length; k++) {
        out.put(keys[k].replace("`", "").trim(), defaults[k]);
      }
    }
    assertThat(defaultColumn).as("a '| key | ... default ...' table under '%s'", heading).isNotNegative();
    return out;
  }

  private static List<String> cells(String row) {
    List<String> out = new ArrayList<>();
    for (String c : row.substring(1, row.lastIndexOf('|')).split("(?<!\\\\)\\|")) {
      out.add(c.trim());
    }
    return out;
  }

  @Test
  void everyShippedRegexRuleIsInTheConfigurationReference() throws IOException {
    String reference = Files.readString(Path.of("..", "docs", "CONFIGURATION.md"));
    for (RegexRule r : RegexRules.defaults()) {
      assertThat(reference).as("CONFIGURATION.md lists %s", r.id()).contains("`" + r.id() + "`");
    }
  }
}
