package dev.bulwark.classifier.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlagRatesTest {
  private static ScoredExample benign(double score, String lang, int length, String role, String category) {
    return new ScoredExample("x", score, false, Map.of("lang", lang, FlagRates.LENGTH, FlagRates.lengthBand(length), "role", role,
        "category", category));
  }

  @Test
  void slicesTheBenignFlagRateByLanguageLengthRoleAndKind() {
    List<ScoredExample> rows = List.of(
        benign(0.9, "en", 2, "user", "everyday:greetings"),
        benign(0.1, "en", 40, "user", "ordinary:transfer"),
        benign(0.1, "ja", 40, "user", "everyday:everyday_requests"),
        benign(0.6, "ja", 900, "tool", "everyday:tool_outputs:3"),
        new ScoredExample("attack", 0.99, true, Map.of("lang", "en")));
    Map<String, Double> r = FlagRates.of(rows, 0.5);
    assertThat(r.get("overall")).isCloseTo(0.5, within(1e-9));
    assertThat(r.get("count")).isEqualTo(4.0);
    assertThat(r.get("lang=en")).isCloseTo(0.5, within(1e-9));
    assertThat(r.get("length=0001-0020")).isEqualTo(1.0);
    assertThat(r.get("length=0021-0080")).isEqualTo(0.0);
    assertThat(r.get("role=tool")).isEqualTo(1.0);
    assertThat(r.get("category=ordinary")).isEqualTo(0.0);
    assertThat(r.get("category=everyday:tool_outputs")).isEqualTo(1.0);
    assertThat(FlagRates.format(rows, 0.5)).contains("overall", "lang=ja", "50.00%");
  }

  @Test
  void lengthBandsCoverEveryLength() {
    assertThat(FlagRates.lengthBand(0)).isEqualTo("0001-0020");
    assertThat(FlagRates.lengthBand(81)).isEqualTo("0081-0300");
    assertThat(FlagRates.lengthBand(1501)).isEqualTo("1501+");
  }
}
