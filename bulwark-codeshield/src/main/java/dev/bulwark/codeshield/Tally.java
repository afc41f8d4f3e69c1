package dev.bulwark.codeshield;

/** Counts for one slice (a language, a CWE, or everything), filled in as records are scored. */
public final class Tally {
  /** Snippet-level confusion counts. */
  public int tp;
  public int fp;
  public int fn;
  public int tn;
  /** Positive snippets whose reported CWEs include a labelled CWE. */
  public int cweAgrees;
  /** Labelled findings, and how many were found at ±2 / ±0 lines, with any CWE and with the same CWE. */
  public int findings;
  public int found2Any;
  public int found2Same;
  public int found0Any;
  public int found0Same;
  /** Line-level (semgrep test lines) confusion counts. */
  public int lineTp;
  public int lineFp;
  public int lineFn;
  public int lineTn;

  public double snippetRecall() {
    return ratio(tp, tp + fn);
  }

  public double snippetPrecision() {
    return ratio(tp, tp + fp);
  }

  public double negativesPassed() {
    return ratio(tn, tn + fp);
  }

  public double cweAgreement() {
    return ratio(cweAgrees, tp);
  }

  public double lineRecall() {
    return ratio(lineTp, lineTp + lineFn);
  }

  public double linePrecision() {
    return ratio(lineTp, lineTp + lineFp);
  }

  public double lineNegativesPassed() {
    return ratio(lineTn, lineTn + lineFp);
  }

  public int positives() {
    return tp + fn;
  }

  public int negatives() {
    return tn + fp;
  }

  /** NaN when there is nothing to measure, so tables can show "–". */
  public static double ratio(int num, int den) {
    return den == 0 ? Double.NaN : (double) num / den;
  }
}
