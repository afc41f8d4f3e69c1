package dev.bulwark.llm.embedded;

import dev.bulwark.llm.EmbeddedSafetyClassifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.llm.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnsTest {

  @Test
  void aUserMessageIsAUserTurnOnItsOwn() {
    Turns t = Turns.of(List.of(ChatMessage.user("first"), ChatMessage.assistant("reply"), ChatMessage.user("second")));
    assertThat(t.role()).isEqualTo("User");
    assertThat(t.judged()).isEqualTo("second");
    assertThat(t.request()).isNull();
  }

  @Test
  void anAssistantMessageIsJudgedGivenTheRequestBeforeIt() {
    Turns t = Turns.of(List.of(ChatMessage.system("be nice"), ChatMessage.user("old"), ChatMessage.assistant("old reply"),
        ChatMessage.user("part one"), ChatMessage.user("part two"), ChatMessage.of("tool", "tool output"),
        ChatMessage.assistant("the reply")));
    assertThat(t.role()).isEqualTo("Agent");
    assertThat(t.judged()).isEqualTo("the reply");
    assertThat(t.request()).isEqualTo("part one\npart two");
  }

  @Test
  void anAssistantMessageWithoutARequestHasAnEmptyOne() {
    Turns t = Turns.of(List.of(ChatMessage.system("s"), ChatMessage.assistant("hello")));
    assertThat(t.role()).isEqualTo("Agent");
    assertThat(t.request()).isEmpty();
  }

  @Test
  void aLongConversationOnlyReadsTheLastTwoTurns() {
    List<ChatMessage> conv = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      conv.add(ChatMessage.user("question " + i));
      conv.add(ChatMessage.assistant("answer " + i));
    }
    Turns t = Turns.of(conv);
    assertThat(t.judged()).isEqualTo("answer 99");
    assertThat(t.request()).isEqualTo("question 99");
  }

  @Test
  void noUserOrAssistantMessageIsAnError() {
    assertThatThrownBy(() -> Turns.of(List.of(ChatMessage.system("only a system prompt"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no user or assistant message");
  }

  @Test
  void unpairedSurrogatesBecomeReplacementCharacters() {
    assertThat(Sanitised.text("ok \uD83D\uDE00 fine")).isEqualTo("ok \uD83D\uDE00 fine");
    assertThat(Sanitised.text("bad \uD800 and \uDC00 end\uD83D")).isEqualTo("bad \uFFFD and \uFFFD end\uFFFD");
  }

  @Test
  void calibrationPutsTheOperatingPointAtOneHalfAndKeepsOrder() {
    assertThat(EmbeddedSafetyClassifier.calibrated(0.2, 0.2)).isEqualTo(0.5);
    assertThat(EmbeddedSafetyClassifier.calibrated(0.0, 0.2)).isEqualTo(0.0);
    assertThat(EmbeddedSafetyClassifier.calibrated(1.0, 0.2)).isEqualTo(1.0);
    double prev = -1;
    for (double p = 0; p <= 1.0; p += 0.01) {
      double c = EmbeddedSafetyClassifier.calibrated(p, 0.37);
      assertThat(c).isGreaterThan(prev);
      prev = c;
    }
  }

  @Test
  void longTextsAreCutIntoOverlappingChunksThatCoverEverything() {
    assertThat(TextScorer.chunks(100)).hasSize(1);
    List<int[]> c = TextScorer.chunks(20_000);
    assertThat(c.get(0)[0]).isZero();
    assertThat(c.get(c.size() - 1)[1]).isEqualTo(20_000);
    for (int i = 1; i < c.size(); i++) {
      assertThat(c.get(i)[0]).isLessThan(c.get(i - 1)[1]);
      assertThat(c.get(i)[1] - c.get(i)[0]).isEqualTo(TextScorer.CHUNK_CHARS);
    }
  }
}
