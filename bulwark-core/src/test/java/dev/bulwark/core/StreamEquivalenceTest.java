package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.hiddentext.HiddenTextScanner;
import dev.bulwark.core.pii.PiiScanner;
import dev.bulwark.core.regex.RegexRules;
import dev.bulwark.core.regex.RegexScanner;
import dev.bulwark.core.testing.AnnotatedCases;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The property streaming promises for the rule scanners: whatever the chunking, a streamed answer's final verdict is
 * the verdict of {@code scan} on the whole answer, scanner by scanner, with the same findings at the same spans.
 * Answers are random mixes of the rules' own annotated cases (both those that must fire and those that must not,
 * with invisible characters, look-alikes, spaced-out letters and grouped digits) and plain prose.
 */
class StreamEquivalenceTest {
  private static final Firewall FIREWALL = Firewall.builder()
      .add(Role.ASSISTANT, HiddenTextScanner.withDefaults())
      .add(Role.ASSISTANT, RegexScanner.withDefaults())
      .add(Role.ASSISTANT, PiiScanner.withDefaults())
      .build();
  private static final List<String> PIECES = pieces();
  private static final String[] PROSE = {
      "Here is what you asked for.", "The weather in Lisbon is mild in spring, and the trams run until late.",
      "Step 1: open the settings page.", "Prices went up by 12 percent in 2023!", "Is that what you meant?",
      "A list:\n- first item\n- second item", "Call it a day…", "x", "I g n o r e", "4111", "1111 2222",
      "See https://example.org/a?b=c for more.", "😀 emoji 👍🏽 and 🏴󠁧󠁢󠁳󠁣󠁴󠁿 flags", "Ünïcödé façade naïve café"};
  private static final String[] JOINERS = {" ", "\n", "\n\n", "  ", "", "\t", ". ", ", "};

  static Stream<Integer> seeds() {
    return IntStream.range(0, 150).boxed();
  }

  @AfterAll
  static void close() {
    FIREWALL.close();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void streamedVerdictEqualsWholeVerdict(int seed) {
    Random random = new Random(seed * 7919L + 17);
    String answer = answer(random);
    FirewallResult whole = FIREWALL.scan(Message.assistant(answer));
    for (int round = 0; round < 3; round++) {
      StreamOptions options = new StreamOptions(
          round == 2 ? 2 + random.nextInt(40) : 16 + random.nextInt(600), random.nextBoolean(), 10_000_000,
          java.time.Duration.ofMinutes(5));
      List<String> chunks = chunks(answer, random);
      AnswerStream stream = FIREWALL.stream(new Message(Role.ASSISTANT, ""), Trace.empty(), options);
      StringBuilder shown = new StringBuilder();
      StreamStep step = null;
      for (String chunk : chunks) {
        step = stream.offer(chunk);
        shown.append(step.released());
        if (step.done()) {
          break;
        }
        assertThat(stream.length() - stream.releasedLength())
            .as("held back, max %s", options.maxHoldChars()).isLessThanOrEqualTo(options.maxHoldChars());
      }
      if (step == null || !step.done()) {
        step = stream.finish();
        shown.append(step.released());
      }
      String where = "seed " + seed + " round " + round + " chunks " + chunks.size() + " options " + options
          + "\nanswer: " + Excerpt.of(answer, 400);
      FirewallResult streamed = step.verdict();
      assertThat(streamed.decision()).as(where).isEqualTo(whole.decision());
      // A block stops the stream: the other scanners have not seen the rest, so only the whole verdict compares.
      for (int i = 0; streamed.decision() != Decision.BLOCK && i < whole.results().size(); i++) {
        ScanResult w = whole.results().get(i);
        ScanResult s = streamed.results().get(i);
        assertThat(s.decision()).as("%s: %s\n%s", w.scanner(), where, s.reason()).isEqualTo(w.decision());
        if (!capped(w)) {
          assertThat(spans(s)).as("%s findings: %s", w.scanner(), where).isEqualTo(spans(w));
        }
      }
      assertThat(answer).as(where).startsWith(shown.toString());
      if (streamed.decision() != Decision.BLOCK) {
        assertThat(shown.toString()).as(where).isEqualTo(answer);
      }
    }
  }

  /** A scanner that hit its per-rule cap reports only the first findings; a stream may report others first. */
  private static boolean capped(ScanResult r) {
    Map<String, Integer> perRule = new HashMap<>();
    for (Finding f : r.findings()) {
      perRule.merge(f.rule(), 1, Integer::sum);
    }
    return perRule.values().stream().anyMatch(n -> n >= 10);
  }

  private static Set<String> spans(ScanResult r) {
    Set<String> out = new HashSet<>();
    for (Finding f : r.findings()) {
      out.add(f.rule() + "@" + f.start() + ".." + f.end() + " line " + f.line());
    }
    return out;
  }

  private static String answer(Random random) {
    StringBuilder b = new StringBuilder();
    int n = 1 + random.nextInt(14);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(JOINERS[random.nextInt(JOINERS.length)]);
      }
      b.append(random.nextInt(3) == 0 ? PROSE[random.nextInt(PROSE.length)] : PIECES.get(random.nextInt(PIECES.size())));
    }
    if (random.nextInt(4) == 0) {
      // A long answer: benign filler so windows really slide past earlier findings.
      for (int i = 0; i < 40; i++) {
        b.append(' ').append(PROSE[random.nextInt(PROSE.length)]);
      }
      b.append(' ').append(PIECES.get(random.nextInt(PIECES.size())));
    }
    return b.toString();
  }

  /** Random chunks, sometimes empty, sometimes one char, sometimes large; they split surrogate pairs freely. */
  static List<String> chunks(String text, Random random) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int kind = random.nextInt(10);
      int size = kind == 0 ? 0 : kind < 4 ? 1 : kind < 9 ? 1 + random.nextInt(12) : 1 + random.nextInt(400);
      int end = Math.min(text.length(), i + size);
      out.add(text.substring(i, end));
      i = end;
    }
    return out;
  }

  private static List<String> pieces() {
    List<String> all = new ArrayList<>();
    for (String file : RegexRules.defaultFiles()) {
      AnnotatedCases.fromResource(RegexRules.class, "/dev/bulwark/core/regex/rules/" + file.replace(".yaml", ".cases"))
          .forEach(c -> all.add(c.text()));
    }
    AnnotatedCases.fromResource(PiiScanner.class, "/dev/bulwark/core/pii/pii.cases").forEach(c -> all.add(c.text()));
    AnnotatedCases.fromResource(HiddenTextScanner.class, "/dev/bulwark/core/hiddentext/hidden-text.cases")
        .forEach(c -> all.add(c.text()));
    return List.copyOf(all);
  }
}
