package dev.bulwark.eval.judge;

import java.util.Map;

/** Fills {@code {name}} placeholders in our prompt templates; a value is inserted as is (never re-scanned). */
public final class Templates {
  private Templates() {}

  public static String fill(String template, Map<String, String> values) {
    StringBuilder out = new StringBuilder(template.length() + 256);
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      if (open < 0) {
        out.append(template, i, template.length());
        break;
      }
      int close = template.indexOf('}', open);
      String name = close < 0 ? null : template.substring(open + 1, close);
      if (name != null && values.containsKey(name)) {
        out.append(template, i, open).append(values.get(name));
        i = close + 1;
      } else {
        out.append(template, i, open + 1);
        i = open + 1;
      }
    }
    return out.toString();
  }
}
