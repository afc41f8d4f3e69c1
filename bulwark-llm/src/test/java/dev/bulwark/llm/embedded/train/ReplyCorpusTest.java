package dev.bulwark.llm.embedded.train;

import dev.bulwark.llm.LabelledTurns;
import dev.bulwark.llm.LabelledTurn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReplyCorpusTest {
  private final ReplyCorpus corpus = new ReplyCorpus();

  @Test
  void generationIsDeterministicForASeed() {
    assertThat(corpus.generate(ReplyCorpus.Split.TRAIN, 7)).isEqualTo(corpus.generate(ReplyCorpus.Split.TRAIN, 7));
    assertThat(corpus.generate(ReplyCorpus.Split.TRAIN, 7)).isNotEqualTo(corpus.generate(ReplyCorpus.Split.TRAIN, 8));
  }

  @Test
  void testConversationsShareNoGoalRequestOrReplyWithTraining() {
    List<LabelledTurn> train = corpus.generate(ReplyCorpus.Split.TRAIN, 1);
    List<LabelledTurn> test = corpus.generate(ReplyCorpus.Split.TEST, 1);
    Set<String> trainGroups = train.stream().map(ReplyCorpus::group).collect(Collectors.toSet());
    assertThat(test).allSatisfy(r -> assertThat(trainGroups).doesNotContain(ReplyCorpus.group(r)));
    Set<String> trainReplies = train.stream().map(LabelledTurn::text).collect(Collectors.toSet());
    assertThat(test).noneMatch(r -> trainReplies.contains(r.text()));
    assertThat(test.size()).isGreaterThan(150);
    assertThat(train.size()).isGreaterThan(3 * test.size() / 2);
  }

  @Test
  void onlyComplianceWithAHarmfulRequestIsUnsafe() {
    for (LabelledTurn r : corpus.generate(ReplyCorpus.Split.TRAIN, 3)) {
      assertThat(r.reply()).isTrue();
      assertThat(r.request()).isNotBlank();
      if (r.unsafe()) {
        assertThat(r.category()).matches("S\\d{1,2}");
        assertThat(r.id()).contains(":harmful-" + r.category() + ":");
      } else {
        assertThat(r.category()).matches("(refusal|redirect):S\\d{1,2}|(answer|over_refusal):(alarming|benign)");
      }
    }
  }

  @Test
  void everyKindAndEveryCodeIsPresentInBothSplits() {
    for (ReplyCorpus.Split split : ReplyCorpus.Split.values()) {
      List<LabelledTurn> rows = corpus.generate(split, 5);
      Set<String> kinds = rows.stream().map(r -> r.unsafe() ? "compliance" : r.category().replaceAll(":.*", "")).collect(Collectors.toSet());
      assertThat(kinds).contains("compliance", "refusal", "redirect", "answer", "over_refusal");
      Set<String> codes = rows.stream().filter(LabelledTurn::unsafe).map(LabelledTurn::category).collect(Collectors.toSet());
      assertThat(codes).hasSize(14);
    }
  }

  @Test
  void rowsRoundTripThroughJsonl(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    List<LabelledTurn> rows = corpus.generate(ReplyCorpus.Split.TEST, 2).subList(0, 5);
    java.nio.file.Path f = dir.resolve("r.jsonl");
    LabelledTurns.write(f, rows);
    assertThat(LabelledTurns.read(f)).isEqualTo(rows);
  }
}
