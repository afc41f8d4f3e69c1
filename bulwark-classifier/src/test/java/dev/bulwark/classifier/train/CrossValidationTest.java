package dev.bulwark.classifier.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossValidationTest {
  @Test
  void groupsStayTogetherAndFoldsAreBalancedAndSeeded() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      keys.add("g" + (i / 4));
    }
    int[] f = CrossValidation.folds(keys, 5, 42);
    for (int i = 0; i < 100; i += 4) {
      assertThat(f[i + 1]).isEqualTo(f[i]);
      assertThat(f[i + 3]).isEqualTo(f[i]);
    }
    int[] size = new int[5];
    for (int x : f) {
      size[x]++;
    }
    assertThat(size).containsOnly(20);
    assertThat(CrossValidation.folds(keys, 5, 42)).containsExactly(f);
    assertThat(CrossValidation.folds(keys, 5, 43)).isNotEqualTo(f);
  }
}
