package dev.bulwark.classifier.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Files of ordinary, benign traffic (such as {@code ordinary_traffic/dev.jsonl}) given to the trainers with
 * {@code --benign}: rows that are all benign, of which a stable share (by a hash of the id) is trained on and the rest
 * kept back, so the flag rate on the kept-back rows measures the trained model on requests it never saw.
 */
public final class OrdinaryTraffic {
  /** Rows read from these files get their category prefixed with this (their intent stays after it). */
  public static final String CATEGORY_PREFIX = "ordinary:";

  private OrdinaryTraffic() {}

  /**
   * True for rows that stand for everyday traffic: read from a benign-traffic file, or the project's own everyday
   * corpus. Thresholds are chosen by the flag rate on these as much as on the curated negatives.
   */
  public static boolean ordinary(LabelledText row) {
    return row.category().startsWith(CATEGORY_PREFIX) || EverydayCorpus.contains(row);
  }

  /** The cross-validation group of an ordinary row: its intent, so paraphrases of one request share a fold. */
  public static String group(LabelledText row) {
    return row.category().startsWith(CATEGORY_PREFIX) ? row.category() : row.id();
  }

  /**
   * The rows of {@code file}, relabelled {@code label}, whose id falls in the training share.
   *
   * @param sharePercent 0..100: the share of rows trained on
   * @param bad where bad rows go, and rows labelled as an attack or unsafe
   */
  public static List<LabelledText> trainingRows(Path file, String label, int sharePercent, BadRows bad) {
    return select(file, label, sharePercent, true, bad);
  }

  /** The rows of {@code file} outside the training share: the held-back measurement set. */
  public static List<LabelledText> heldBackRows(Path file, String label, int sharePercent) {
    return select(file, label, sharePercent, false, BadRows.failFast());
  }

  /** True when {@code id} falls in the training share. */
  public static boolean inTrainingShare(String id, int sharePercent) {
    CRC32 crc = new CRC32();
    crc.update(id.getBytes(StandardCharsets.UTF_8));
    return crc.getValue() % 100 < sharePercent;
  }

  private static List<LabelledText> select(Path file, String label, int sharePercent, boolean training, BadRows bad) {
    if (sharePercent < 0 || sharePercent > 100) {
      throw new IllegalArgumentException("the share of ordinary traffic trained on must be 0..100, got " + sharePercent);
    }
    List<LabelledText> out = new ArrayList<>();
    for (LabelledText r : LabelledData.read(file, bad)) {
      if (r.malicious()) {
        bad.report(file + ": row " + r.id(), "labelled '" + r.label() + "'; a benign-traffic file holds benign rows only");
        continue;
      }
      if (inTrainingShare(r.id(), sharePercent) == training) {
        String source = r.source().isEmpty() ? "ordinary_traffic" : r.source();
        out.add(new LabelledText(r.id(), r.text(), label, CATEGORY_PREFIX + r.category(), r.lang().isEmpty() ? "en" : r.lang(), source,
            r.role()));
      }
    }
    return out;
  }
}
