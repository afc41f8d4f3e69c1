package dev.bulwark.classifier.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a trainer takes its ordinary traffic from, and how much of it may be flagged.
 *
 * @param files benign-traffic JSONL files ({@code --benign})
 * @param sharePercent the share of each file's rows trained on (by a hash of the id); the rest is held back
 * @param everyday add the train split of the project's own {@link EverydayCorpus}
 * @param maxFlagRate the operating threshold flags at most this share of the ordinary rows, out of fold
 */
public record OrdinarySources(List<Path> files, int sharePercent, boolean everyday, double maxFlagRate) {
  public OrdinarySources {
    files = List.copyOf(files);
    if (sharePercent < 0 || sharePercent > 100) {
      throw new IllegalArgumentException("the share of ordinary traffic trained on must be 0..100, got " + sharePercent);
    }
    if (!(maxFlagRate > 0 && maxFlagRate < 1)) {
      throw new IllegalArgumentException("the ordinary-traffic flag rate must be within (0, 1), got " + maxFlagRate);
    }
  }

  /** No ordinary traffic beyond what the main data holds. */
  public static OrdinarySources none() {
    return new OrdinarySources(List.of(), 0, false, 0.005);
  }

  /** The training rows, labelled {@code label} ({@code benign} or {@code safe}). */
  public List<LabelledText> trainingRows(String label, BadRows bad) {
    List<LabelledText> out = new ArrayList<>();
    for (Path f : files) {
      out.addAll(OrdinaryTraffic.trainingRows(f, label, sharePercent, bad));
    }
    if (everyday) {
      out.addAll(EverydayCorpus.read(EverydayCorpus.Split.TRAIN, label));
    }
    return out;
  }

  /**
   * What the trained model never saw, labelled {@code label}: the held-back share of each file and the test split of
   * the everyday corpus (when used). Trainers score these after training and report the flag rates.
   */
  public List<LabelledText> heldBackRows(String label) {
    List<LabelledText> out = new ArrayList<>();
    for (Path f : files) {
      out.addAll(OrdinaryTraffic.heldBackRows(f, label, sharePercent));
    }
    if (everyday) {
      out.addAll(EverydayCorpus.read(EverydayCorpus.Split.TEST, label));
    }
    return out;
  }
}
