package dev.bulwark.classifier.features;

/** A sparse feature vector: strictly increasing indices with their values. */
public record SparseVector(int[] indices, float[] values) {

  public static final SparseVector EMPTY = new SparseVector(new int[0], new float[0]);

  public SparseVector {
    if (indices.length != values.length) {
      throw new IllegalArgumentException("indices and values differ in length");
    }
  }

  public int size() {
    return indices.length;
  }

  public double dot(float[] weights) {
    double s = 0;
    for (int i = 0; i < indices.length; i++) {
      s += weights[indices[i]] * values[i];
    }
    return s;
  }
}
