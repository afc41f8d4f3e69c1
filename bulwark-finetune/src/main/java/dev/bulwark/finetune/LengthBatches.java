package dev.bulwark.finetune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The order an epoch visits the rows in: shuffled with the seed, then, within windows of {@value #WINDOW} batches,
 * sorted by length and cut into batches, and the batches shuffled again. A batch is padded to its longest row, so
 * grouping similar lengths keeps short texts short (most of a chat dataset is far below the token cap) while the
 * window keeps batches random enough. Deterministic for a given seed and epoch.
 */
public final class LengthBatches {
  static final int WINDOW = 32;

  private LengthBatches() {}

  /** Batches of row indices ({@code lengths[i]} = tokens of row i), each at most {@code batchSize} rows. */
  public static List<List<Integer>> plan(int[] lengths, int batchSize, long seed, int epoch) {
    Random random = new Random(seed * 1_000_003L + epoch);
    List<Integer> order = new ArrayList<>(lengths.length);
    for (int i = 0; i < lengths.length; i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    List<List<Integer>> batches = new ArrayList<>();
    int window = batchSize * WINDOW;
    for (int from = 0; from < order.size(); from += window) {
      List<Integer> chunk = new ArrayList<>(order.subList(from, Math.min(order.size(), from + window)));
      chunk.sort(Comparator.comparingInt(i -> lengths[i]));
      for (int b = 0; b < chunk.size(); b += batchSize) {
        batches.add(List.copyOf(chunk.subList(b, Math.min(chunk.size(), b + batchSize))));
      }
    }
    Collections.shuffle(batches, random);
    return batches;
  }

  /** {@code batch} cut into consecutive micro-batches of at most {@code size} rows. */
  public static List<List<Integer>> micro(List<Integer> batch, int size) {
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < batch.size(); i += size) {
      out.add(batch.subList(i, Math.min(batch.size(), i + size)));
    }
    return out;
  }

  /** Indices sorted by length and cut into batches: the cheapest order to score rows in. */
  public static List<List<Integer>> byLength(int[] lengths, int batchSize) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < lengths.length; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt(i -> lengths[i]));
    return micro(order, batchSize);
  }
}
