package dev.bulwark.codeshield.eval;

import dev.bulwark.codeshield.LabelledRecord;
import dev.bulwark.codeshield.InsecureCodeEvaluation;
import dev.bulwark.codeshield.EvaluationReport;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.codeshield.CodeShield;
import dev.bulwark.core.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Guards the dev-set quality against regressions (skips on a fresh clone without ../shared). */
class DevSetRecallTest {
  @Test
  void devSetRecallAndNegativesStayAtTheirLevel() throws Exception {
    Path dev = SharedData.require("datasets/insecure-code/dev.jsonl");
    // Generous budgets, as `bulwark eval code-shield` uses: the test guards what the rules find, and under a loaded
    // machine the live 200 ms wall-clock budgets stop rules and move recall by tenths of a point.
    InsecureCodeEvaluation eval = new InsecureCodeEvaluation(
        CodeShield.builder().ruleBudgetMillis(10_000).parseTimeoutMillis(10_000).build());
    ObjectMapper mapper = new ObjectMapper();
    for (String line : Files.readAllLines(dev, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        eval.add(LabelledRecord.fromJson(mapper.readTree(line)));
      }
    }
    EvaluationReport r = eval.report();
    assertThat(r.overall().snippetRecall()).isGreaterThanOrEqualTo(0.94);
    assertThat(r.overall().negativesPassed()).isGreaterThanOrEqualTo(0.9);
    assertThat(r.overall().cweAgreement()).isGreaterThanOrEqualTo(0.95);
    for (String lang : new String[] {"c", "cpp", "csharp", "java", "javascript", "php", "python", "rust"}) {
      assertThat(r.byLanguage().get(lang).snippetRecall()).as(lang).isGreaterThanOrEqualTo(0.90);
    }
    // The semgrep "ok:" lines: look-alike safe code must stay unflagged.
    assertThat(r.overall().lineNegativesPassed()).isGreaterThanOrEqualTo(0.95);
  }
}
