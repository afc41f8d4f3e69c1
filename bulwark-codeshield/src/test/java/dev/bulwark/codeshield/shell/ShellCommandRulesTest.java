package dev.bulwark.codeshield.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every {@code ruleid:} / {@code ok:} example of {@code shell/command-rules.sh}: the command on the line after
 * {@code ruleid: <id>} must be flagged by that rule, the one after {@code ok: <id>} must not; and every rule has both.
 */
class ShellCommandRulesTest {
  record Example(String rule, boolean mustFire, String command, int line) {
    @Override
    public String toString() {
      return (mustFire ? "ruleid " : "ok ") + rule + " line " + line + ": " + command;
    }
  }

  static List<Example> examples() throws IOException {
    String text;
    try (InputStream in = ShellCommandRulesTest.class.getResourceAsStream("/dev/bulwark/codeshield/shell/command-rules.sh")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String[] lines = text.split("\n", -1);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i + 1 < lines.length; i++) {
      String l = lines[i].strip();
      if (l.startsWith("# ruleid: ") || l.startsWith("# ok: ")) {
        boolean fire = l.startsWith("# ruleid: ");
        out.add(new Example(l.substring(l.indexOf(':') + 1).strip(), fire, lines[i + 1], i + 2));
      }
    }
    return out;
  }

  static Stream<Example> cases() throws IOException {
    return examples().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void exampleFiresExactlyWhenAnnotated(Example e) {
    List<String> fired = ShellRules.check(e.command()).stream().map(ShellRisk::rule).toList();
    if (e.mustFire()) {
      assertThat(fired).as(e.toString()).contains(e.rule());
    } else {
      assertThat(fired).as(e.toString()).doesNotContain(e.rule());
    }
  }

  @Test
  void everyRuleHasExamplesOfBothKinds() throws IOException {
    List<Example> examples = examples();
    for (CommandRule r : ShellRules.shipped()) {
      assertThat(examples).as(r.id() + " must-fire example").anyMatch(e -> e.rule().equals(r.id()) && e.mustFire());
      assertThat(examples).as(r.id() + " must-not-fire example").anyMatch(e -> e.rule().equals(r.id()) && !e.mustFire());
    }
    assertThat(examples).allMatch(e -> ShellRules.shipped().stream().anyMatch(r -> r.id().equals(e.rule())),
        "every annotation names a rule that exists");
  }

  @Test
  void badRuleFilesFailWithTheRuleId() {
    assertThatThrownBy(() -> CommandRuleLoader.parse("id: shell.x\ncategory: c\nseverity: error\ndecision: block\n"
        + "message: m\nmatch:\n  - comand: rm\n"))
        .hasMessageContaining("shell.x").hasMessageContaining("comand");
    assertThatThrownBy(() -> CommandRuleLoader.parse("id: shell.x\ncategory: c\nseverity: error\ndecision: block\n"
        + "message: m\nmatch:\n  - command: '${nowhere}'\n"))
        .hasMessageContaining("nowhere");
    assertThatThrownBy(() -> CommandRuleLoader.parse("id: shell.x\ncategory: c\nseverity: error\ndecision: block\n"
        + "message: m\nmatch:\n  - command: '(rm'\n"))
        .hasMessageContaining("not a valid regex");
  }
}
