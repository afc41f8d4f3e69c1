package dev.bulwark.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.eval.EvalException;
import dev.bulwark.text.EditDistance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks records against the fields a benchmark reads. A required field that no record has (a renamed field, the wrong
 * file) stops the run with a message naming the field, the file and the closest field the file does have. A record
 * that lacks a required field, or has one of the wrong type, is marked invalid: it is reported as an error and the
 * other records are still scored.
 */
public final class FieldCheck {
  private FieldCheck() {}

  /**
   * @return for each invalid record (by index), what is wrong with it
   * @throws EvalException when a required field is absent from every record, or the file has no records
   */
  public static Map<Integer, String> check(Path file, List<Records.Record> records, List<Field> fields, String what) {
    if (records.isEmpty()) {
      throw new EvalException(file + ": no records (expected a JSON array of " + what + ")");
    }
    TreeSet<String> present = new TreeSet<>();
    for (Records.Record r : records) {
      r.fields().fieldNames().forEachRemaining(present::add);
    }
    for (Field f : fields) {
      if (f.required() && !present.contains(f.name())) {
        String near = closest(f.name(), present);
        throw new EvalException(file + ": no record has the field '" + f.name() + "' that " + what + " need"
            + (near != null ? "; did you mean '" + near + "'?" : "")
            + " (fields in the file: " + (present.isEmpty() ? "none" : String.join(", ", present)) + ")");
      }
    }
    Map<Integer, String> problems = new LinkedHashMap<>();
    for (Records.Record r : records) {
      if (r.problem() != null) {
        problems.put(r.index(), r.problem());
        continue;
      }
      List<String> wrong = new ArrayList<>();
      for (Field f : fields) {
        JsonNode v = r.fields().get(f.name());
        if (v == null || v.isNull()) {
          if (f.required()) {
            wrong.add("has no field '" + f.name() + "'");
          }
          continue;
        }
        String mismatch = f.mismatch(v);
        if (mismatch != null) {
          wrong.add("field '" + f.name() + "' " + mismatch);
        }
      }
      if (!wrong.isEmpty()) {
        problems.put(r.index(), file.getFileName() + " record " + (r.index() + 1) + ": " + String.join("; ", wrong));
      }
    }
    return problems;
  }

  /** The present field most like {@code name} (same letters ignoring case and separators, or a small edit distance). */
  static String closest(String name, Iterable<String> present) {
    String key = normal(name);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Iterator<String> it = present.iterator(); it.hasNext(); ) {
      String p = it.next();
      if (normal(p).equals(key)) {
        return p;
      }
      int d = EditDistance.between(key, normal(p));
      if (d < bestDistance) {
        bestDistance = d;
        best = p;
      }
    }
    return bestDistance <= Math.max(2, key.length() / 4) ? best : null;
  }

  private static String normal(String s) {
    return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(" ", "");
  }
}
