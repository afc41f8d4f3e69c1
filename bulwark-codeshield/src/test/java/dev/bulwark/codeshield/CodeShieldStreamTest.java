package dev.bulwark.codeshield;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.codeshield.rules.RuleExamplesTest;
import dev.bulwark.core.AnswerStream;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallResult;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.StreamOptions;
import dev.bulwark.core.StreamStep;
import dev.bulwark.core.Trace;
import dev.bulwark.core.hiddentext.HiddenTextScanner;
import dev.bulwark.core.pii.PiiScanner;
import dev.bulwark.core.regex.RegexScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Code Shield in a stream: whatever the chunking, the final verdict equals {@code scan} on the whole answer, for
 * answers that mix prose with fenced blocks of the rules' own example files (tagged, untagged, unterminated at the
 * end) or are bare code without any fence; and release waits for an open block.
 */
class CodeShieldStreamTest {
  /**
   * Code Shield's per-rule and per-parse time budgets make its verdict depend on the machine's load (a rule that runs
   * out of budget reports nothing); the property is about chunking, so the budgets here are generous.
   */
  private static final Firewall FIREWALL = Firewall.builder()
      .add(Role.ASSISTANT, new CodeShieldScanner(CodeShield.builder().ruleBudgetMillis(120_000).parseTimeoutMillis(120_000)
          .build(), null, Decision.HUMAN_IN_THE_LOOP_REQUIRED), dev.bulwark.core.FailureMode.OPEN, Duration.ofMinutes(10))
      .add(Role.ASSISTANT, RegexScanner.withDefaults())
      .add(Role.ASSISTANT, HiddenTextScanner.withDefaults())
      .add(Role.ASSISTANT, PiiScanner.withDefaults())
      .build();
  private static final List<String[]> SAMPLES = samples();
  private static final String[] PROSE = {
      "Here is the code you asked for.", "This version reads the file and prints each line.",
      "Run it with the usual interpreter.\n", "Note: it needs no extra packages!", "Inline `code` stays prose.",
      "~~ not a fence", "`` neither"};

  @AfterAll
  static void close() {
    FIREWALL.close();
  }

  static Stream<Integer> seeds() {
    return IntStream.range(0, 80).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void streamedVerdictEqualsWholeVerdict(int seed) {
    Random random = new Random(seed * 104729L + 3);
    String answer = answer(random);
    FirewallResult whole = FIREWALL.scan(Message.assistant(answer));
    for (int round = 0; round < 2; round++) {
      StreamOptions options = new StreamOptions(8 + random.nextInt(round == 0 ? 2000 : 60), random.nextBoolean(),
          10_000_000, Duration.ofMinutes(5));
      AnswerStream stream = FIREWALL.stream(new Message(Role.ASSISTANT, ""), Trace.empty(), options);
      StringBuilder shown = new StringBuilder();
      StreamStep step = null;
      for (int i = 0; i < answer.length() && (step == null || !step.done()); ) {
        int size = random.nextInt(6) == 0 ? random.nextInt(300) : random.nextInt(8);
        int end = Math.min(answer.length(), i + size);
        step = stream.offer(answer.substring(i, end));
        shown.append(step.released());
        i = end;
      }
      if (step == null || !step.done()) {
        step = stream.finish();
        shown.append(step.released());
      }
      String where = "seed " + seed + " round " + round + " " + options + "\n" + answer;
      assertThat(step.verdict().decision()).as(where).isEqualTo(whole.decision());
      for (int i = 0; step.verdict().decision() != Decision.BLOCK && i < whole.results().size(); i++) {
        ScanResult w = whole.results().get(i);
        ScanResult s = step.verdict().results().get(i);
        assertThat(s.decision()).as("%s: %s", w.scanner(), where).isEqualTo(w.decision());
        if (w.scanner().equals(CodeShieldScanner.NAME)) {
          assertThat(s.findings()).as("code-shield findings: %s", where)
              .containsExactlyInAnyOrderElementsOf(w.findings().stream()
                  .map(f -> new dev.bulwark.core.Finding(f.rule(), f.category(), f.line(), f.start(), f.end(),
                      f.severity(), f.message()))
                  .toList());
        } else {
          // the rule scanners' windows (deferred while a code block holds text back) find what the whole scan finds
          assertThat(s.findings().stream().map(f -> f.rule() + "@" + f.start() + "-" + f.end()).toList())
              .as("%s findings: %s", w.scanner(), where)
              .containsExactlyInAnyOrderElementsOf(
                  w.findings().stream().map(f -> f.rule() + "@" + f.start() + "-" + f.end()).toList());
        }
      }
      assertThat(answer).startsWith(shown.toString());
    }
  }

  @Test
  void anOpenCodeBlockIsHeldUntilItCloses() {
    String insecure = "```python\nimport os\n\ndef run(path):\n    os.system(\"ls \" + path)\n```\n";
    AnswerStream stream = FIREWALL.stream(Role.ASSISTANT);
    StringBuilder shown = new StringBuilder();
    shown.append(stream.offer("Here is a helper. It lists a folder.\n").released());
    StreamStep step = null;
    for (int i = 0; i < insecure.length(); i += 4) {
      step = stream.offer(insecure.substring(i, Math.min(insecure.length(), i + 4)));
      shown.append(step.released());
      if (step.done()) {
        break;
      }
      assertThat(shown.toString()).doesNotContain("```");
    }
    assertThat(step.blocked()).as("os.system with a concatenated path is blocked when the fence closes").isTrue();
    assertThat(shown.toString()).isEqualTo("Here is a helper. It lists a folder.\n");
    assertThat(step.verdict().findings()).anySatisfy(f -> {
      assertThat(f.rule()).isEqualTo("python.os-system");
      assertThat(f.line()).isEqualTo(6); // the prose line, the fence, then the function
    });
  }

  private static String answer(Random random) {
    StringBuilder b = new StringBuilder();
    if (random.nextInt(6) == 0) {
      return SAMPLES.get(random.nextInt(SAMPLES.size()))[1]; // bare code, no fence
    }
    int n = 1 + random.nextInt(5);
    for (int i = 0; i < n; i++) {
      b.append(PROSE[random.nextInt(PROSE.length)]).append(random.nextBoolean() ? "\n" : " ");
      String[] sample = SAMPLES.get(random.nextInt(SAMPLES.size()));
      String fence = random.nextInt(5) == 0 ? "~~~" : "```";
      String tag = random.nextInt(4) == 0 ? "" : sample[0];
      b.append(random.nextInt(4) == 0 ? "" : "\n").append(fence).append(tag).append('\n').append(sample[1]);
      if (!sample[1].endsWith("\n")) {
        b.append('\n');
      }
      boolean last = i == n - 1;
      if (!(last && random.nextInt(3) == 0)) {
        b.append(fence).append(random.nextBoolean() ? "\n" : "");
      }
    }
    return b.toString();
  }

  /** The rules' example files: {fence tag, code}. */
  private static List<String[]> samples() {
    List<String[]> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(RuleExamplesTest.rulesRoot())) {
      for (Path p : files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".yaml")).sorted().toList()) {
        String name = p.getFileName().toString();
        String ext = name.substring(name.lastIndexOf('.') + 1);
        byte[] bytes = Files.readAllBytes(p);
        String code = new String(bytes, StandardCharsets.UTF_8);
        if (code.length() < 4000 && code.indexOf('\uFFFD') < 0) { // a few examples are binary on purpose
          out.add(new String[] {ext, code});
        }
      }
    } catch (IOException | java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
