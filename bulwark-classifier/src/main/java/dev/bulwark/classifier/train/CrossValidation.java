package dev.bulwark.classifier.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Group-aware k-fold assignment: rows that share a group key (translations of one item, variants of one template)
 * always land in the same fold, so out-of-fold scores never come from a model that saw a near-copy of the row.
 */
public final class CrossValidation {
  private CrossValidation() {}

  /** The fold (0..k-1) of each row; groups are shuffled with {@code seed} and dealt to the currently smallest fold. */
  public static int[] folds(List<String> groupKeys, int k, long seed) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < groupKeys.size(); i++) {
      groups.computeIfAbsent(groupKeys.get(i), g -> new ArrayList<>()).add(i);
    }
    List<String> keys = new ArrayList<>(new TreeSet<>(groups.keySet()));
    Collections.shuffle(keys, new Random(seed));
    // Large groups first keep the folds balanced.
    keys.sort((a, b) -> Integer.compare(groups.get(b).size(), groups.get(a).size()));
    int[] size = new int[k];
    int[] fold = new int[groupKeys.size()];
    for (String key : keys) {
      int best = 0;
      for (int f = 1; f < k; f++) {
        if (size[f] < size[best]) {
          best = f;
        }
      }
      for (int row : groups.get(key)) {
        fold[row] = best;
      }
      size[best] += groups.get(key).size();
    }
    return fold;
  }
}
