package dev.bulwark.classifier.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class BinaryMetricsTest {
  @Test
  void aucCountsTiesAsHalf() {
    assertThat(BinaryMetrics.auc(new double[] {0.9, 0.8}, new double[] {0.1, 0.2})).isEqualTo(1.0);
    assertThat(BinaryMetrics.auc(new double[] {0.5}, new double[] {0.5})).isEqualTo(0.5);
    assertThat(BinaryMetrics.auc(new double[] {0.3, 0.7}, new double[] {0.5})).isEqualTo(0.5);
  }

  @Test
  void recallAtFprUsesTheOracleThreshold() {
    double[] neg = new double[100];
    for (int i = 0; i < 100; i++) {
      neg[i] = i / 100.0;
    }
    // threshold = sorted(neg)[99] = 0.99; positives strictly above count
    assertThat(BinaryMetrics.recallAtFpr(new double[] {0.995, 0.99, 0.5, 1.0}, neg, 0.01)).isEqualTo(0.5);
  }

  @Test
  void calibratedThresholdMeetsTheTargetRate() {
    double[] neg = new double[1000];
    for (int i = 0; i < neg.length; i++) {
      neg[i] = Math.sin(i) * 0.5 + 0.5;
    }
    double t = BinaryMetrics.thresholdForFpr(neg, 0.01);
    assertThat(BinaryMetrics.fractionAbove(neg, t, true)).isLessThanOrEqualTo(0.01);
    assertThat(BinaryMetrics.fractionAbove(neg, Math.nextDown(Math.nextDown(t)), true)).isGreaterThan(0.0095);
    BinaryMetrics.AtThreshold at = BinaryMetrics.atThreshold(new double[] {0.99, 0.2}, new double[] {0.1, 0.995}, 0.5);
    assertThat(at.precision()).isCloseTo(0.5, offset(1e-9));
    assertThat(at.recall()).isCloseTo(0.5, offset(1e-9));
  }

  @Test
  void aNanScoreIsAnErrorNotAnEndlessLoop() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BinaryMetrics.auc(new double[] {0.9, Double.NaN}, new double[] {0.1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
  }
}
