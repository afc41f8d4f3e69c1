package dev.bulwark.codeshield;

import dev.bulwark.codeshield.EvaluationReport;
import dev.bulwark.codeshield.CodeShield;
import dev.bulwark.codeshield.CodeShieldResult;
import dev.bulwark.codeshield.Issue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores Code Shield against the insecure-code ground truth the way the dataset README says: snippet-level confusion,
 * finding recall at ±2 and ±0 lines (any CWE and same CWE), line-level precision/recall for {@code granularity: line}
 * records, and the pass rate on negatives; overall, per language and per labelled CWE.
 */
public final class InsecureCodeEvaluation {
  private final CodeShield shield;
  private final Tally overall = new Tally();
  private final Map<String, Tally> byLanguage = new TreeMap<>();
  private final Map<String, Tally> byCwe = new TreeMap<>();
  private final List<String> misses = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();
  private int records;

  public InsecureCodeEvaluation(CodeShield shield) {
    this.shield = shield;
  }

  /** A record that could not be read (bad JSON, missing field); it is listed in the report. */
  public void skip(String why) {
    skipped.add(why);
  }

  /** Scans and scores one record; returns the result for callers that want to log it. */
  public CodeShieldResult add(LabelledRecord r) {
    String lang = r.language() == null ? "any" : r.language();
    CodeShieldResult result = shield.scan(r.code(), lang.equals("any") ? null : lang);
    records++;
    List<Tally> slices = List.of(overall, byLanguage.computeIfAbsent(lang, k -> new Tally()));
    if (r.isLineLevel()) {
      scoreLine(r, result, slices);
    } else {
      scoreSnippet(r, result, slices);
    }
    return result;
  }

  public EvaluationReport report() {
    return new EvaluationReport(overall, Map.copyOf(byLanguage), Map.copyOf(byCwe), List.copyOf(misses), records, List.copyOf(skipped));
  }

  private void scoreSnippet(LabelledRecord r, CodeShieldResult result, List<Tally> slices) {
    boolean predicted = result.insecure();
    Set<String> reportedCwes = new HashSet<>();
    for (Issue i : result.issues()) {
      reportedCwes.add(i.cwe());
    }
    Set<String> labelledCwes = new HashSet<>();
    for (LabelledRecord.LabelledFinding f : r.findings()) {
      if (f.cwe() != null) {
        labelledCwes.add(f.cwe());
      }
    }
    boolean agrees = labelledCwes.stream().anyMatch(reportedCwes::contains);
    List<Tally> cweSlices = new ArrayList<>(slices);
    for (String cwe : labelledCwes) {
      cweSlices.add(byCwe.computeIfAbsent(cwe, k -> new Tally()));
    }
    for (Tally t : r.expectedInsecure() ? cweSlices : slices) {
      if (r.expectedInsecure()) {
        if (predicted) {
          t.tp++;
          if (agrees) {
            t.cweAgrees++;
          }
        } else {
          t.fn++;
        }
      } else if (predicted) {
        t.fp++;
      } else {
        t.tn++;
      }
    }
    if (r.expectedInsecure() && !predicted) {
      misses.add("missed " + r.id());
    } else if (!r.expectedInsecure() && predicted) {
      misses.add("flagged negative " + r.id() + " " + result.issues().get(0).rule());
    }
    if (!r.expectedInsecure()) {
      return;
    }
    for (LabelledRecord.LabelledFinding f : r.findings()) {
      boolean any2 = false;
      boolean same2 = false;
      boolean any0 = false;
      boolean same0 = false;
      for (Issue i : result.issues()) {
        if (!isFlagging(i)) {
          continue;
        }
        int d = Math.abs(i.line() - f.line());
        boolean same = i.cwe().equals(f.cwe());
        any2 |= d <= 2;
        same2 |= d <= 2 && same;
        any0 |= d == 0;
        same0 |= d == 0 && same;
      }
      List<Tally> fs = new ArrayList<>(slices);
      if (f.cwe() != null) {
        fs.add(byCwe.computeIfAbsent(f.cwe(), k -> new Tally()));
      }
      for (Tally t : fs) {
        t.findings++;
        t.found2Any += any2 ? 1 : 0;
        t.found2Same += same2 ? 1 : 0;
        t.found0Any += any0 ? 1 : 0;
        t.found0Same += same0 ? 1 : 0;
      }
    }
  }

  private boolean isFlagging(Issue i) {
    return shield.policy().treatmentOf(i.severity()) != dev.bulwark.codeshield.Treatment.IGNORE;
  }

  private void scoreLine(LabelledRecord r, CodeShieldResult result, List<Tally> slices) {
    int from = r.line() == null ? 0 : r.line();
    int to = r.lineEnd() == null ? from : Math.max(from, r.lineEnd());
    boolean predicted = false;
    for (Issue i : result.issues()) {
      if (isFlagging(i) && i.line() >= from && i.line() <= to) {
        predicted = true;
        break;
      }
    }
    for (Tally t : slices) {
      if (r.expectedInsecure()) {
        if (predicted) {
          t.lineTp++;
        } else {
          t.lineFn++;
        }
      } else if (predicted) {
        t.lineFp++;
      } else {
        t.lineTn++;
      }
    }
    if (r.expectedInsecure() != predicted) {
      misses.add((predicted ? "flagged ok line " : "missed line ") + r.id());
    }
  }
}
