package dev.bulwark.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WindowerTest {
  private static Tokens tokens(int n) {
    long[] ids = new long[n];
    int[] s = new int[n];
    int[] e = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
      s[i] = 2 * i;
      e[i] = 2 * i + 1;
    }
    return new Tokens(ids, s, e);
  }

  @Test
  void coversEveryTokenWithOverlapAndAFullLastWindow() {
    List<TokenWindow> w = new Windower(10, 3).windows(tokens(25));
    boolean[] covered = new boolean[25];
    for (TokenWindow x : w) {
      assertThat(x.tokenCount()).isEqualTo(10);
      for (int i = x.tokenStart(); i < x.tokenEnd(); i++) {
        covered[i] = true;
      }
    }
    for (boolean c : covered) {
      assertThat(c).isTrue();
    }
    assertThat(w.get(w.size() - 1).tokenEnd()).isEqualTo(25);
    assertThat(w.get(1).tokenStart()).isEqualTo(7);
    assertThat(w.get(0).charStart()).isZero();
    assertThat(w.get(w.size() - 1).charEnd()).isEqualTo(49);
  }

  @Test
  void shortAndEmptyInputsGetOneWindow() {
    assertThat(new Windower(10, 3).windows(tokens(4))).hasSize(1);
    assertThat(new Windower(10, 3).windows(tokens(0))).singleElement().satisfies(x -> assertThat(x.tokenCount()).isZero());
  }

  @Test
  void rejectsOverlapNotSmallerThanSize() {
    assertThatThrownBy(() -> new Windower(10, 10)).hasMessageContaining("overlap");
  }
}
