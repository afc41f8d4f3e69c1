package dev.bulwark.eval.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChoiceAnswerTest {
  @Test
  void malwareAnswersTakeTheLastJsonObject() {
    assertThat(ChoiceAnswer.parseMalwareAnalysis("Step 1... step 2...\n{\n  \"correct_answers\": [\"A\", \"C\"]\n}"))
        .contains(List.of("A", "C"));
    assertThat(ChoiceAnswer.parseMalwareAnalysis("{\"x\": 1} then {\"correct_answers\": [\"B\"]}")).contains(List.of("B"));
    assertThat(ChoiceAnswer.parseMalwareAnalysis("{\"correct_answers\": \"AC\"}")).contains(List.of("A", "C"));
  }

  @Test
  void unreadableAnswersAreParsingErrors() {
    assertThat(ChoiceAnswer.parseMalwareAnalysis("The answer is A and C.")).isEmpty();
    assertThat(ChoiceAnswer.parseMalwareAnalysis("{}")).isEmpty();
    assertThat(ChoiceAnswer.parseMalwareAnalysis("{\"answers\": [\"A\"]}")).isEmpty();
    assertThat(ChoiceAnswer.parseMalwareAnalysis("{\"correct_answers\": null}")).isEmpty();
    assertThat(ChoiceAnswer.parseMalwareAnalysis("} {")).isEmpty();
    // The last '{' opens the inner object: upstream's reading fails on nested JSON, and so does ours.
    assertThat(ChoiceAnswer.parseMalwareAnalysis("{\"correct_answers\": [\"A\"], \"why\": {\"a\": 1}}")).isEmpty();
  }

  @Test
  void threatIntelAnswersPreferTheTaggedObjectThenTheBoxedLetters() {
    assertThat(ChoiceAnswer.parseThreatIntel("reasoning {\"correct_answers\": [\"Z\"]}\n<json_object>{\"correct_answers\":"
        + " [\"B\", \"D\"]}</json_object>")).contains(List.of("B", "D"));
    assertThat(ChoiceAnswer.parseThreatIntel("So the answer is $\\boxed{A, C}$.")).contains(List.of("A", "C"));
    assertThat(ChoiceAnswer.parseThreatIntel("So: $\\boxed{Ab,Cd}$")).contains(List.of("A", "C"));
    assertThat(ChoiceAnswer.parseThreatIntel("plain {\"correct_answers\": [\"A\"]}")).contains(List.of("A"));
    assertThat(ChoiceAnswer.parseThreatIntel("$\\boxed{A,}$")).isEmpty();
  }

  @Test
  void jaccardAsUpstreamComputesIt() {
    assertThat(ChoiceAnswer.jaccard(List.of("A", "B"), List.of("A", "B"))).isEqualTo(1.0);
    assertThat(ChoiceAnswer.jaccard(List.of("A"), List.of("A", "B"))).isEqualTo(0.5);
    assertThat(ChoiceAnswer.jaccard(List.of("A", "C"), List.of("A", "B"))).isEqualTo(1.0 / 3);
    // Lists, not sets: a repeated choice lowers the score.
    assertThat(ChoiceAnswer.jaccard(List.of("A", "A"), List.of("A"))).isEqualTo(0.5);
    assertThat(ChoiceAnswer.jaccard(List.of(), List.of())).isZero();
  }
}
