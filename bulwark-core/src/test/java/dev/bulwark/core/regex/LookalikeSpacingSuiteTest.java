package dev.bulwark.core.regex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.Decision;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.testing.AnnotatedCases;
import dev.bulwark.core.testing.AnnotatedCases.Case;
import dev.bulwark.core.testing.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The look-alike and spacing suite: every plain positive example of the shipped injection rules, disguised seven ways
 * (lookalike/*.cases, written by lookalike/generate.py). The regex scanner must still name the example's rule for at
 * least 99% of each disguise, and must flag no line of the shared benign sets that it did not flag before the text
 * chain (lookalike/benign-flags-before.txt).
 */
class LookalikeSpacingSuiteTest {
  private static final String DIR = "lookalike/";
  private static final List<String> FORMS =
      List.of("mixed-script", "fullwidth", "spaced", "dotted", "hyphenated", "zero-width", "combining-marks");
  private static final double MIN_CAUGHT = 0.99;
  private static final RegexScanner SCANNER = RegexScanner.withDefaults();

  private static List<Case> cases(String form) {
    return AnnotatedCases.fromResource(LookalikeSpacingSuiteTest.class, DIR + form + ".cases");
  }

  private static boolean caught(Case c) {
    return AnnotatedCases.rulesOf(SCANNER.scan(c.text())).contains(c.rule());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mixed-script", "fullwidth", "spaced", "dotted", "hyphenated", "zero-width", "combining-marks"})
  void regexCatchesTheDisguisedExamples(String form) {
    List<Case> cases = cases(form);
    List<Case> missed = cases.stream().filter(c -> !caught(c)).toList();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(20);
    assertThat(1.0 - (double) missed.size() / cases.size())
        .as("%s: missed %d of %d: %s", form, missed.size(), cases.size(), missed)
        .isGreaterThanOrEqualTo(MIN_CAUGHT);
  }

  @Test
  void everyDisguiseIsInTheSuite() {
    assertThat(FORMS.stream().mapToInt(f -> cases(f).size()).sum()).isGreaterThanOrEqualTo(150);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"datasets/ordinary_traffic/dev.jsonl", "datasets/over_refusal/dev.jsonl"})
  void noNewFlagsOnBenignTraffic(String relative) throws IOException {
    Path file = SharedData.require(relative);
    Set<String> before = flaggedBefore();
    ObjectMapper json = new ObjectMapper();
    Set<String> newlyFlagged = new TreeSet<>();
    int lines = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode row = json.readTree(line);
        lines++;
        ScanResult result = SCANNER.scan(row.get("text").asText());
        String id = row.get("id").asText();
        if (result.decision() != Decision.ALLOW && !before.contains(id)) {
          newlyFlagged.add(id + " " + AnnotatedCases.rulesOf(result));
        }
      }
    }
    assertThat(lines).isPositive();
    assertThat(newlyFlagged).as("lines of %s flagged now but not before the text chain", relative).isEmpty();
  }

  private static Set<String> flaggedBefore() throws IOException {
    try (InputStream in = LookalikeSpacingSuiteTest.class.getResourceAsStream(DIR + "benign-flags-before.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toSet());
    }
  }
}
