package dev.bulwark.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MicroBatcherTest {
  @Test
  void batchesConcurrentCallersAndKeepsEachCallersResults() throws Exception {
    List<Integer> sizes = java.util.Collections.synchronizedList(new ArrayList<>());
    try (MicroBatcher<Integer, Integer> b = new MicroBatcher<>("t", 8, Duration.ofMillis(50), 1, x -> 0, items -> {
      sizes.add(items.size());
      sleep(20);
      return items.stream().map(x -> x * 10).toList();
    })) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<List<Integer>>> f = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        int v = i;
        f.add(pool.submit(() -> b.apply(List.of(v, v + 100))));
      }
      for (int i = 0; i < 32; i++) {
        assertThat(f.get(i).get()).containsExactly(i * 10, (i + 100) * 10);
      }
      pool.shutdown();
      assertThat(b.meanBatchSize()).isGreaterThan(1.0);
      assertThat(sizes).allMatch(s -> s <= 8);
    }
  }

  @Test
  void neverMixesGroups() throws Exception {
    try (MicroBatcher<String, Integer> b = new MicroBatcher<>("t", 8, Duration.ofMillis(5), 1, String::length, items -> {
      assertThat(items.stream().map(String::length).distinct()).hasSize(1);
      return items.stream().map(String::length).toList();
    })) {
      assertThat(b.apply(List.of("a", "bb", "ccc", "dd"))).containsExactly(1, 2, 3, 2);
    }
  }

  @Test
  void propagatesFailures() {
    try (MicroBatcher<Integer, Integer> b = new MicroBatcher<>("t", 4, Duration.ofMillis(1), 1, x -> 0, items -> {
      throw new IllegalStateException("model broke");
    })) {
      assertThatThrownBy(() -> b.apply(List.of(1))).hasMessageContaining("model broke");
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
