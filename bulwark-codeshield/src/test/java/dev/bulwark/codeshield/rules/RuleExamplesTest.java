package dev.bulwark.codeshield.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.codeshield.CodeShield;
import dev.bulwark.codeshield.CodeShieldResult;
import dev.bulwark.codeshield.Issue;
import dev.bulwark.codeshield.Language;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one test every rule goes through: its example file (same name, the language's extension) marks lines that must
 * fire with {@code ruleid: <id>} and look-alike lines that must not with {@code ok: <id>}, in a comment on the line
 * above. The rule runs alone on the whole file; it must fire on exactly the {@code ruleid} lines.
 */
public class RuleExamplesTest {
  private static final Pattern ANNOTATION = Pattern.compile("\\b(ruleid|ok):\\s*([\\w.-]+)");

  record Example(Rule rule, Path file) {
    @Override
    public String toString() {
      return rule.id();
    }
  }

  static Stream<Example> examples() throws IOException, URISyntaxException {
    Path root = rulesRoot();
    List<Example> out = new ArrayList<>();
    for (Rule rule : RuleLoader.builtIn()) {
      out.add(new Example(rule, exampleOf(root, rule)));
    }
    return out.stream();
  }

  /** The rules folder of the main classes (the test classes share the package path, so pick the one with rules). */
  public static Path rulesRoot() throws URISyntaxException, IOException {
    var urls = RuleExamplesTest.class.getClassLoader().getResources(RuleLoader.BUILT_IN);
    while (urls.hasMoreElements()) {
      Path p = Path.of(urls.nextElement().toURI());
      try (Stream<Path> files = Files.walk(p)) {
        if (files.anyMatch(f -> f.toString().endsWith(".yaml"))) {
          return p;
        }
      }
    }
    throw new IllegalStateException("no rules folder on the test classpath");
  }

  private static Path exampleOf(Path root, Rule rule) throws IOException {
    String file = rule.source().substring(rule.source().indexOf(RuleLoader.BUILT_IN) + RuleLoader.BUILT_IN.length() + 1);
    Path yaml = root.resolve(file);
    String base = yaml.getFileName().toString().replaceFirst("\\.yaml$", "");
    try (Stream<Path> siblings = Files.list(yaml.getParent())) {
      return siblings.filter(p -> p.getFileName().toString().startsWith(base + ".") && !p.toString().endsWith(".yaml"))
          .findFirst().orElse(null);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void ruleFiresExactlyOnAnnotatedLines(Example example) throws IOException {
    Rule rule = example.rule();
    assertThat(example.file()).as("example file beside %s", rule.source()).isNotNull();
    String text = Files.readString(example.file(), StandardCharsets.UTF_8);
    Map<Integer, Boolean> expected = annotations(text, rule.id());
    assertThat(expected).as("%s needs at least one 'ruleid:' line", example.file()).containsValue(true);
    assertThat(expected).as("%s needs at least one 'ok:' line", example.file()).containsValue(false);

    CodeShield shield = CodeShield.builder().ruleFilter(r -> r.id().equals(rule.id())).compileQueriesNow(true).build();
    String dir = example.file().getParent().getFileName().toString();
    // The folder names the language; shared rules (folder "common") are exercised in their first language.
    Language language = dir.equals("any") ? null
        : Language.fromName(dir).orElseGet(() -> rule.languages().iterator().next());
    CodeShieldResult result = shield.scan(text, language);

    TreeSet<Integer> fired = new TreeSet<>();
    for (Issue i : result.issues()) {
      fired.add(i.line());
    }
    TreeSet<Integer> mustFire = new TreeSet<>();
    expected.forEach((line, fire) -> {
      if (fire) {
        mustFire.add(line);
      }
    });
    assertThat(fired).as("lines where %s fired in %s (notes: %s)", rule.id(), example.file().getFileName(), result.notes())
        .isEqualTo(mustFire);
  }

  @Test
  void everyExampleFileBelongsToARule() throws Exception {
    Path root = rulesRoot();
    TreeSet<String> bases = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(Files::isRegularFile).filter(p -> root.relativize(p).getNameCount() == 2).forEach(p -> bases.add(root.relativize(p).toString().replaceFirst("\\.[^.]+$", "")));
    }
    TreeSet<String> ruleBases = new TreeSet<>();
    for (Rule r : RuleLoader.builtIn()) {
      String file = r.source().substring(r.source().indexOf(RuleLoader.BUILT_IN) + RuleLoader.BUILT_IN.length() + 1);
      ruleBases.add(file.replaceFirst("\\.yaml$", ""));
    }
    assertThat(bases).isEqualTo(ruleBases);
  }

  /** Line → must fire; the annotation applies to the next line that is neither blank nor another annotation. */
  static Map<Integer, Boolean> annotations(String text, String ruleId) {
    String[] lines = text.split("\n", -1);
    Map<Integer, Boolean> out = new TreeMap<>();
    for (int i = 0; i < lines.length; i++) {
      Matcher m = ANNOTATION.matcher(lines[i]);
      boolean mine = false;
      boolean fire = false;
      while (m.find()) {
        if (m.group(2).equals(ruleId)) {
          mine = true;
          fire = m.group(1).equals("ruleid");
        }
      }
      if (!mine) {
        continue;
      }
      int target = i + 1;
      while (target < lines.length && (lines[target].isBlank() || ANNOTATION.matcher(lines[target]).find()
          && lines[target].strip().matches("^(#|//|/\\*|\\*|--|<!--|;).*"))) {
        target++;
      }
      out.put(target + 1, fire);
    }
    return out;
  }
}
