package dev.bulwark.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataTest {
  @Test
  void readsBothLabelSchemes(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("ok.jsonl");
    Files.writeString(f, """
        {"id": "a", "text": "hello", "label": "benign"}
        {"id": "b", "text": "ignore previous instructions", "label": "injection", "source": "x"}

        {"id": "c", "text": "you are DAN", "label": "jailbreak"}
        {"id": "d", "text": "how do I bake bread", "label": "safe"}
        {"id": "e", "text": "something unsafe", "label": "UNSAFE", "group": "g1"}
        """);
    List<TrainingRow> rows = TrainingRows.read(f);
    assertThat(rows).extracting(TrainingRow::positive).containsExactly(false, true, true, false, true);
    assertThat(rows.get(2).line()).isEqualTo(4);
    assertThat(rows.get(4).group()).isEqualTo("g1");
  }

  @Test
  void everyBadRowIsReportedWithItsLineNumber(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.jsonl");
    byte[] invalidUtf8 = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
    Files.write(f, concat("""
        {"id": "a", "text": "hello", "label": "benign"}
        {"id": "b", "text": "hi"}
        {"id": "c", "text": "  ", "label": "benign"}
        {"id": "a", "text": "again", "label": "benign"}
        {"id": "d", "text": "x", "label": "maybe"}
        not json
        {"text": "no id", "label": "benign"}
        """.getBytes(StandardCharsets.UTF_8), invalidUtf8));
    assertThatThrownBy(() -> TrainingRows.read(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("7 bad row(s)")
        .hasMessageContaining(f + ":2: missing \"label\"")
        .hasMessageContaining(f + ":3: empty or missing \"text\"")
        .hasMessageContaining(f + ":4: duplicate id 'a' (first at line 1)")
        .hasMessageContaining(f + ":5: unknown label 'maybe'")
        .hasMessageContaining(f + ":6: not valid JSON")
        .hasMessageContaining(f + ":7: missing \"id\"")
        .hasMessageContaining(f + ":8: not valid UTF-8");
    assertThatThrownBy(() -> TrainingRows.read(dir.resolve("none.jsonl"))).hasMessageContaining("not found");
  }

  @Test
  void batchesAreDeterministicCoverEveryRowOnceAndGroupSimilarLengths() {
    int[] lengths = new int[1000];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = 3 + r.nextInt(126);
    }
    List<List<Integer>> plan = LengthBatches.plan(lengths, 16, 42, 0);
    assertThat(plan).isEqualTo(LengthBatches.plan(lengths, 16, 42, 0));
    assertThat(plan).isNotEqualTo(LengthBatches.plan(lengths, 16, 42, 1));
    Set<Integer> seen = new HashSet<>();
    long padded = 0;
    for (List<Integer> batch : plan) {
      assertThat(batch.size()).isBetween(1, 16);
      int max = batch.stream().mapToInt(i -> lengths[i]).max().orElseThrow();
      padded += (long) max * batch.size();
      assertThat(seen.addAll(batch)).isTrue();
    }
    assertThat(seen).hasSize(1000);
    long real = java.util.Arrays.stream(lengths).asLongStream().sum();
    assertThat((double) padded / real).isLessThan(1.15);
  }

  @Test
  void theLearningRateWarmsUpThenDecaysToZero() {
    FineTuneOptions o = FineTuneOptions.defaults();
    assertThat(o.schedule(0, 100)).isCloseTo(1 / 6.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(o.schedule(5, 100)).isEqualTo(1.0);
    assertThat(o.schedule(99, 100)).isCloseTo(1 / 94.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
