package dev.bulwark.codeshield.rules;

import dev.bulwark.codeshield.Language;
import dev.bulwark.codeshield.taint.TaintSpec;
import dev.bulwark.core.Severity;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One detection rule, as read from its YAML file: identity and metadata, and a regex, a tree-sitter query or a taint
 * specification.
 *
 * @param id unique id, {@code <language>.<name>} (e.g. {@code python.subprocess-shell-true})
 * @param languages the languages it applies to; empty for language-agnostic rules (secrets, keys)
 * @param cwe {@code CWE-<n>}
 * @param severity error, warning or advice
 * @param message one line on what is wrong
 * @param fix one line on how to fix it
 * @param regex the pattern for regex rules, else null
 * @param query the query source for structural rules, else null
 * @param view which view of the text the regex (and the prefilter and conditions) run on
 * @param prefilter a cheap regex that must match before the rule runs (before parsing, for structural rules); may be null
 * @param requires conditions that must all hold
 * @param unless conditions none of which may hold
 * @param report the group or capture whose position is reported; null for the whole match
 * @param source where the rule came from, for messages
 * @param taint the data-flow specification of taint rules, else null
 */
public record Rule(
    String id,
    Set<Language> languages,
    String cwe,
    Severity severity,
    String message,
    String fix,
    Pattern regex,
    String query,
    TextView view,
    Pattern prefilter,
    List<Condition> requires,
    List<Condition> unless,
    String report,
    String source,
    TaintSpec taint) {

  public boolean isTaint() {
    return taint != null;
  }

  public boolean isStructural() {
    return query != null;
  }

  public boolean isLanguageAgnostic() {
    return languages.isEmpty();
  }

  public boolean appliesTo(Language language) {
    return languages.isEmpty() || languages.contains(language);
  }
}
