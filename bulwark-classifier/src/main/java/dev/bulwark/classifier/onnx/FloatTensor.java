package dev.bulwark.classifier.onnx;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named float32 tensor: row-major {@code data} of the given {@code shape}. The array is shared, not copied; treat
 * it as read-only once handed over.
 */
public record FloatTensor(String name, long[] shape, float[] data) {
  public FloatTensor {
    Objects.requireNonNull(name, "name");
    shape = shape.clone();
    if (elements(shape) != data.length) {
      throw new IllegalArgumentException("tensor '" + name + "': shape " + describe(shape) + " holds " + elements(shape)
          + " values, got " + data.length);
    }
  }

  public static long elements(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  public boolean sameShape(long[] other) {
    return Arrays.equals(shape, other);
  }

  /** E.g. {@code [384, 1536]}. */
  public static String describe(long[] shape) {
    return Arrays.toString(shape);
  }

  public String describeShape() {
    return describe(shape);
  }
}
