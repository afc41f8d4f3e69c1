package dev.bulwark.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EditDistanceTest {
  @Test
  void countsInsertionsDeletionsAndSubstitutions() {
    assertThat(EditDistance.between("threshold", "threshold")).isZero();
    assertThat(EditDistance.between("treshold", "threshold")).isEqualTo(1);
    assertThat(EditDistance.between("thresholds", "threshold")).isEqualTo(1);
    assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
    assertThat(EditDistance.between("", "abc")).isEqualTo(3);
    assertThat(EditDistance.between("abc", "")).isEqualTo(3);
  }
}
