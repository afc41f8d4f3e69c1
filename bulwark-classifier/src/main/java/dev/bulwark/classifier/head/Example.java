package dev.bulwark.classifier.head;

import dev.bulwark.classifier.features.SparseVector;

/**
 * One training row: sparse features (may be empty), dense features (may be empty), one 0/1 target per output
 * (multi-label heads have several), and a weight.
 */
public record Example(SparseVector sparse, float[] dense, float[] targets, float weight) {

  public static Example binary(SparseVector sparse, float[] dense, boolean positive, float weight) {
    return new Example(sparse, dense, new float[] {positive ? 1f : 0f}, weight);
  }
}
