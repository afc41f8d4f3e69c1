package dev.bulwark.llm.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.llm.ChatMessage;
import dev.bulwark.llm.EmbeddedSafetyClassifier;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RecentRequestsTest {
  private static TextScorer.Scores scores(String text) {
    return new TextScorer.Scores(text.length(), 0, 0.25, new double[] {0.5, 0.5}, 0, text.length(), 1, 1);
  }

  @Test
  void aRequestIsScoredOnceWhileItIsRemembered() {
    RecentRequests recent = new RecentRequests();
    AtomicInteger computed = new AtomicInteger();
    Function<String, TextScorer.Scores> scorer = t -> {
      computed.incrementAndGet();
      return scores(t);
    };
    TextScorer.Scores first = recent.score("How do I get to the castle?", scorer);
    for (int i = 0; i < 10; i++) {
      assertThat(recent.score("How do I get to the castle?", scorer)).isSameAs(first);
    }
    assertThat(computed).hasValue(1);
    recent.score("Another request.", scorer);
    assertThat(computed).hasValue(2);
  }

  @Test
  void onlyTheMostRecentlyUsedRequestsAreKeptAndLongOnesNever() {
    RecentRequests recent = new RecentRequests();
    AtomicInteger computed = new AtomicInteger();
    Function<String, TextScorer.Scores> scorer = t -> {
      computed.incrementAndGet();
      return scores(t);
    };
    recent.score("kept", scorer);
    for (int i = 0; i < RecentRequests.ENTRIES * 3; i++) {
      recent.score("request " + i, scorer);
      recent.score("kept", scorer); // used again each time: never the eldest
    }
    assertThat(recent.size()).isEqualTo(RecentRequests.ENTRIES);
    int before = computed.get();
    recent.score("kept", scorer);
    recent.score("request 0", scorer); // long evicted
    assertThat(computed.get() - before).isEqualTo(1);
    String huge = "x".repeat(RecentRequests.MAX_CHARS + 1);
    recent.score(huge, scorer);
    recent.score(huge, scorer);
    assertThat(computed.get() - before).isEqualTo(3);
  }

  @Test
  void aReplyJudgedBesideARememberedRequestScoresAsWithAFreshClassifier() {
    List<ChatMessage> conversation = List.of(ChatMessage.user("How do I get from the station to the castle by tram?"),
        ChatMessage.assistant("Take the number 4 tram; it stops near the old river bridge."));
    List<ChatMessage> other = List.of(ChatMessage.user("How do I get from the station to the castle by tram?"),
        ChatMessage.assistant("I can't help with that."));
    try (EmbeddedSafetyClassifier warm = EmbeddedSafetyClassifier.shipped(EmbeddedSafetyClassifier.Options.defaults());
        EmbeddedSafetyClassifier fresh = EmbeddedSafetyClassifier.shipped(EmbeddedSafetyClassifier.Options.defaults())) {
      warm.judge(other); // remembers the request
      double remembered = warm.judge(conversation).assessment().score();
      double computed = fresh.judge(conversation).assessment().score();
      assertThat(remembered).isEqualTo(computed);
    }
  }
}
