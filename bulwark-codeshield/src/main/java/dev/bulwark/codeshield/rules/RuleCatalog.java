package dev.bulwark.codeshield.rules;

import dev.bulwark.codeshield.Language;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders the rule catalogue (the table in docs/CODESHIELD.md) from the rule files themselves, so the documentation
 * can never list a rule that does not exist or miss one that does.
 */
public final class RuleCatalog {
  public static final String START = "<!-- rule-catalogue:start (generated from the rule files; do not edit) -->";
  public static final String END = "<!-- rule-catalogue:end -->";

  private RuleCatalog() {}

  public static String markdown(List<Rule> rules) {
    StringBuilder sb = new StringBuilder();
    Map<String, Long> perLanguage = new TreeMap<>();
    for (Rule r : rules) {
      if (r.isLanguageAgnostic()) {
        perLanguage.merge("any (language-agnostic)", 1L, Long::sum);
      } else {
        for (Language l : r.languages()) {
          perLanguage.merge(l.id(), 1L, Long::sum);
        }
      }
    }
    long structural = rules.stream().filter(Rule::isStructural).count();
    long taint = rules.stream().filter(Rule::isTaint).count();
    sb.append(rules.size()).append(" rules (").append(structural).append(" structural, ").append(taint).append(" taint, ")
        .append(rules.size() - structural - taint).append(" regex), ")
        .append(rules.stream().map(Rule::cwe).distinct().count()).append(" distinct CWEs. Rules per language: ")
        .append(perLanguage.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
        .append(".\n\n");
    sb.append("| rule | languages | CWE | severity | kind | what it flags |\n");
    sb.append("|---|---|---|---|---|---|\n");
    for (Rule r : rules) {
      String langs = r.isLanguageAgnostic() ? "any" : r.languages().stream().map(Language::id).collect(Collectors.joining(", "));
      sb.append("| `").append(r.id()).append("` | ").append(langs).append(" | ").append(r.cwe()).append(" | ")
          .append(r.severity().id()).append(" | ").append(r.isStructural() ? "tree-sitter" : r.isTaint() ? "taint" : "regex").append(" | ")
          .append(r.message().replace("|", "\\|")).append(" |\n");
    }
    return sb.toString();
  }

  /** {@code doc} with the text between the catalogue markers replaced by the current catalogue. */
  public static String replaceIn(String doc, List<Rule> rules) {
    int s = doc.indexOf(START);
    int e = doc.indexOf(END);
    if (s < 0 || e < s) {
      throw new IllegalArgumentException("the document has no " + START + " ... " + END + " section");
    }
    return doc.substring(0, s + START.length()) + "\n" + markdown(rules) + doc.substring(e);
  }
}
