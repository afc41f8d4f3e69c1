package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The typed settings API: defaults, types, bounds, unknown keys, and the messages a user reads. */
class SettingTest {
  static final Setting<Integer> MAX_ITEMS = Setting.integer("max-items", 1, 10, "items kept").byDefault(5);
  static final Setting<Double> THRESHOLD = Setting.threshold("threshold", "flag at or above").defaultDescribed("from the model");
  static final Setting<Boolean> STRICT = Setting.bool("strict", "be strict").byDefault(false);
  static final Setting<Decision> DECISION = Setting.decision("decision", "what a flag gets",
      Decision.BLOCK, Decision.HUMAN_IN_THE_LOOP_REQUIRED).byDefault(Decision.BLOCK);
  static final Setting<Duration> WAIT = Setting.duration("max-wait", "longest wait").byDefault(Duration.ofMillis(2));
  static final Setting<List<String>> NAMES = Setting.list("names", "list of names", "names to use").byDefault(List.of());
  static final Setting<Map<Role, Decision>> PER_ROLE = Setting.decisionMap("per-role", "map role -> decision",
      Role::parse, "decisions per role");
  static final Setting<Map<String, Double>> PER_LANGUAGE = Setting.numberMap("per-language", "map lang -> number", 0, 1,
      "thresholds per language");
  static final Setting<Set<String>> MODE = Setting.parsed("mode", "fast | exact", SettingTest::mode, "how to run")
      .byDefault(Set.of("fast"));

  static final ScannerSpec SPEC = new ScannerSpec("demo", "a demo scanner", Set.of(Role.USER), Cost.CHEAP,
      FailureMode.OPEN, List.of(MAX_ITEMS, THRESHOLD, STRICT, DECISION, WAIT, NAMES, PER_ROLE, PER_LANGUAGE, MODE));

  private static Set<String> mode(String text) {
    if (!text.equals("fast") && !text.equals("exact")) {
      throw new IllegalArgumentException("unknown mode '" + text + "'; expected fast or exact");
    }
    return Set.of(text);
  }

  /** The settings of instance {@code demo} as written in a file named demo.yaml. */
  private static ScannerSettings settings(String body) {
    FirewallConfig cfg = FirewallConfig.parse("scanners:\n  demo:\n" + body.indent(4), "demo.yaml");
    return new ScannerSettings("demo", "demo", cfg.scanners().get("demo").params(), cfg);
  }

  @Test
  void absentKeysGiveTheDeclaredDefault() {
    ScannerSettings s = settings("{}");
    assertThat(s.get(MAX_ITEMS)).isEqualTo(5);
    assertThat(s.get(STRICT)).isFalse();
    assertThat(s.get(DECISION)).isEqualTo(Decision.BLOCK);
    assertThat(s.get(WAIT)).isEqualTo(Duration.ofMillis(2));
    assertThat(s.get(NAMES)).isEmpty();
    assertThat(s.get(MODE)).containsExactly("fast");
    assertThat(s.find(MAX_ITEMS)).isEmpty();
    assertThat(s.has(MAX_ITEMS)).isFalse();
  }

  @Test
  void givenValuesAreReadWithTheirType() {
    ScannerSettings s = settings("""
        max-items: 7
        threshold: 0.25
        strict: yes
        decision: human_in_the_loop_required
        max-wait: 1.5s
        names: solo
        per-role: {tool: block, user: allow}
        per-language: {zh: 0.93}
        mode: exact
        """);
    assertThat(s.get(MAX_ITEMS)).isEqualTo(7);
    assertThat(s.find(THRESHOLD)).contains(0.25);
    assertThat(s.get(STRICT)).isTrue();
    assertThat(s.get(DECISION)).isEqualTo(Decision.HUMAN_IN_THE_LOOP_REQUIRED);
    assertThat(s.get(WAIT)).isEqualTo(Duration.ofMillis(1500));
    assertThat(s.get(NAMES)).containsExactly("solo");
    assertThat(s.find(PER_ROLE).orElseThrow()).containsExactly(Map.entry(Role.TOOL, Decision.BLOCK),
        Map.entry(Role.USER, Decision.ALLOW));
    assertThat(s.find(PER_LANGUAGE).orElseThrow()).containsEntry("zh", 0.93);
    assertThat(s.get(MODE)).containsExactly("exact");
  }

  @Test
  void aValueOutOfBoundsNamesTheFileLineScannerSettingBoundAndValue() {
    assertThatThrownBy(() -> settings("max-items: 11").get(MAX_ITEMS))
        .isInstanceOf(ConfigException.class)
        .hasMessage("demo.yaml:3:16: scanners.demo.max-items: expected an integer between 1 and 10, got 11");
    assertThatThrownBy(() -> settings("threshold: 1.5").get(THRESHOLD))
        .hasMessage("demo.yaml:3:16: scanners.demo.threshold: expected a number between 0 and 1, got 1.5");
  }

  @Test
  void aValueOfTheWrongTypeSaysWhatWasExpected() {
    assertThatThrownBy(() -> settings("max-items: many").get(MAX_ITEMS))
        .hasMessageEndingWith("scanners.demo.max-items: expected an integer between 1 and 10, got 'many'");
    assertThatThrownBy(() -> settings("max-items: [1, 2]").get(MAX_ITEMS))
        .hasMessageContaining("scanners.demo.max-items: expected an integer, found");
    assertThatThrownBy(() -> settings("strict: maybe").get(STRICT))
        .hasMessageEndingWith("scanners.demo.strict: expected true or false, got 'maybe'");
    assertThatThrownBy(() -> settings("max-wait: soon").get(WAIT))
        .hasMessageContaining("scanners.demo.max-wait").hasMessageContaining("250ms");
    assertThatThrownBy(() -> settings("mode: slow").get(MODE))
        .hasMessageEndingWith("scanners.demo.mode: unknown mode 'slow'; expected fast or exact");
  }

  @Test
  void aDecisionOutsideTheAllowedOnesIsRefused() {
    assertThatThrownBy(() -> settings("decision: allow").get(DECISION))
        .hasMessageEndingWith("scanners.demo.decision: expected one of block, human_in_the_loop_required, got allow");
    assertThat(DECISION.type()).isEqualTo("block | human_in_the_loop_required");
  }

  @Test
  void aBadMapEntryIsLocatedAtTheEntry() {
    assertThatThrownBy(() -> settings("per-role:\n  tool: block\n  robot: allow").find(PER_ROLE))
        .hasMessageStartingWith("demo.yaml:5:14: scanners.demo.per-role.robot: ").hasMessageContaining("robot");
    assertThatThrownBy(() -> settings("per-language:\n  zh: 2").find(PER_LANGUAGE))
        .hasMessage("demo.yaml:4:11: scanners.demo.per-language.zh: expected a number between 0 and 1, got 2");
    assertThatThrownBy(() -> settings("per-role: [tool]").find(PER_ROLE))
        .hasMessageContaining("scanners.demo.per-role: expected a mapping");
  }

  @Test
  void unknownKeysAreRefusedWithTheNearestDeclaredOne() {
    assertThatThrownBy(() -> SPEC.validate(settings("max-item: 3")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("demo.yaml:3:5: scanners.demo: unknown setting 'max-item' (did you mean 'max-items'?)")
        .hasMessageContaining("demo accepts decision, max-items, max-wait, mode, names,");
    ScannerSpec none = new ScannerSpec("bare", "no settings", Set.of(), Cost.CHEAP, FailureMode.OPEN, List.of());
    assertThatThrownBy(() -> none.validate(settings("x: 1")))
        .hasMessageEndingWith("bare takes no settings besides type, failure-mode, deadline");
  }

  @Test
  void validationReadsEveryGivenValueBeforeTheScannerIsBuilt() {
    SPEC.validate(settings("max-items: 3\nper-language: {en: 0.5}"));
    assertThatThrownBy(() -> SPEC.validate(settings("per-language: {en: high}")))
        .hasMessageContaining("scanners.demo.per-language.en: expected a number between 0 and 1, got 'high'");
  }

  @Test
  void aSettingWithoutADefaultValueIsReadWithFind() {
    assertThatThrownBy(() -> settings("{}").get(THRESHOLD))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("read it with find()");
    assertThat(settings("{}").find(THRESHOLD).orElse(0.9)).isEqualTo(0.9);
  }

  @Test
  void theDocsViewComesFromTheDeclaration() {
    assertThat(MAX_ITEMS.type()).isEqualTo("integer 1..10");
    assertThat(MAX_ITEMS.defaultText()).contains("5");
    assertThat(THRESHOLD.type()).isEqualTo("number 0..1");
    assertThat(THRESHOLD.defaultText()).contains("from the model");
    assertThat(WAIT.defaultText()).contains("2ms");
    assertThat(NAMES.defaultText()).contains("[]");
    assertThat(DECISION.defaultText()).contains("block");
    assertThat(PER_ROLE.defaultText()).isEmpty();
    assertThat(Setting.integer("n", 1, Integer.MAX_VALUE, "n").type()).isEqualTo("integer ≥ 1");
  }

  @Test
  void specsRefuseDuplicateAndReservedNames() {
    assertThatThrownBy(() -> new ScannerSpec("x", "x", Set.of(), Cost.CHEAP, FailureMode.OPEN, List.of(STRICT, STRICT)))
        .hasMessageContaining("'strict' is declared twice");
    Setting<Duration> deadline = Setting.duration("deadline", "mine");
    assertThatThrownBy(() -> new ScannerSpec("x", "x", Set.of(), Cost.CHEAP, FailureMode.OPEN, List.of(deadline)))
        .hasMessageContaining("key every scanner takes");
    assertThatThrownBy(() -> Setting.bool("Max_Items", "bad name")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Setting.integer("n", 5, 1, "inverted")).isInstanceOf(IllegalArgumentException.class);
    assertThat(SPEC.setting("strict")).containsSame(STRICT);
  }
}
