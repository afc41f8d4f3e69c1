package dev.bulwark.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseCacheTest {
  @TempDir Path dir;

  @Test
  void answersSurviveAReopenAndErrorsAreNotHits() {
    Path f = dir.resolve("cache/m.jsonl");
    try (ResponseCache c = ResponseCache.open(f)) {
      c.put("k1", new ResponseCache.Entry("hello", null, 12));
      c.put("k2", new ResponseCache.Entry(null, "HTTP 500", 3));
    }
    try (ResponseCache c = ResponseCache.open(f)) {
      assertThat(c.hit("k1").response()).isEqualTo("hello");
      assertThat(c.hit("k2")).isNull();
      c.put("k2", new ResponseCache.Entry("second try", null, 5));
    }
    try (ResponseCache c = ResponseCache.open(f)) {
      assertThat(c.hit("k2").response()).isEqualTo("second try");
      assertThat(c.size()).isEqualTo(2);
    }
  }

  @Test
  void aLineCutShortByACrashIsSkippedAndTheFileStaysAppendable() throws IOException {
    Path f = dir.resolve("m.jsonl");
    try (ResponseCache c = ResponseCache.open(f)) {
      c.put("k1", new ResponseCache.Entry("one", null, 1));
    }
    Files.writeString(f, "{\"key\": \"k2\", \"respo", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    try (ResponseCache c = ResponseCache.open(f)) {
      assertThat(c.brokenLines()).isEqualTo(1);
      assertThat(c.hit("k1")).isNotNull();
      assertThat(c.hit("k2")).isNull();
      c.put("k3", new ResponseCache.Entry("three", null, 1));
    }
    try (ResponseCache c = ResponseCache.open(f)) {
      assertThat(c.hit("k3").response()).isEqualTo("three");
      assertThat(c.brokenLines()).isEqualTo(1);
    }
  }

  @Test
  void keysCoverModelSettingsAndEveryMessage() {
    Generation g = new Generation(100, 0.6, 0.9, java.time.Duration.ofSeconds(5), 0);
    var m1 = java.util.List.of(dev.bulwark.llm.ChatMessage.user("a"));
    String k = CacheKey.of("m", "id", g, m1);
    assertThat(CacheKey.of("m", "id", g, m1)).isEqualTo(k);
    assertThat(CacheKey.of("m2", "id", g, m1)).isNotEqualTo(k);
    assertThat(CacheKey.of("m", "id2", g, m1)).isNotEqualTo(k);
    assertThat(CacheKey.of("m", "id", new Generation(101, 0.6, 0.9, g.timeout(), 0), m1)).isNotEqualTo(k);
    assertThat(CacheKey.of("m", "id", g, java.util.List.of(dev.bulwark.llm.ChatMessage.system("a")))).isNotEqualTo(k);
    // Length prefixes: moving text between messages changes the key.
    assertThat(CacheKey.of("m", "id", g, java.util.List.of(dev.bulwark.llm.ChatMessage.user("ab"),
        dev.bulwark.llm.ChatMessage.user("c")))).isNotEqualTo(CacheKey.of("m", "id", g,
        java.util.List.of(dev.bulwark.llm.ChatMessage.user("a"), dev.bulwark.llm.ChatMessage.user("bc"))));
  }
}
