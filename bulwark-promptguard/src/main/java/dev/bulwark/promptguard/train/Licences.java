package dev.bulwark.promptguard.train;

import dev.bulwark.promptguard.ToolOutputCorpus;
import dev.bulwark.classifier.data.LabelledText;

/**
 * The licence of each training row, from its source (per the dataset README). Two kinds of rows carry terms a
 * commercial model may not want: EasyJailbreak's templates (GPL-3.0, copyleft) and BIPIA rows built on
 * WikiTableQuestions tables or Stack Exchange code (CC-BY-SA-4.0, share-alike). {@code --exclude-noncommercial}
 * drops them.
 */
public final class Licences {
  private Licences() {}

  public static String of(LabelledText row) {
    String source = row.source();
    if (source.equals("easyjailbreak")) {
      return "GPL-3.0";
    }
    if (source.equals("bipia") && (row.category().contains("table") || row.category().contains("code"))) {
      return "CC-BY-SA-4.0";
    }
    if (source.equals("xstest")) {
      return "CC-BY-4.0";
    }
    if (source.equals(ToolOutputCorpus.SOURCE) || source.startsWith("bulwark_")) {
      return "project (Apache-2.0)";
    }
    return "MIT/Apache-2.0/CC0";
  }

  /** True for copyleft or share-alike rows: the ones {@code --exclude-noncommercial} drops. */
  public static boolean restrictive(LabelledText row) {
    String l = of(row);
    return l.startsWith("GPL") || l.contains("-SA-");
  }
}
