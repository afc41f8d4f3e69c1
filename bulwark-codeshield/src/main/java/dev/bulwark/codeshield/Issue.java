package dev.bulwark.codeshield;

import dev.bulwark.core.Severity;
import java.util.Objects;

/**
 * One insecure construct found in the scanned text.
 *
 * @param rule the rule id, e.g. {@code python.subprocess-shell-true}
 * @param cwe the weakness, as {@code CWE-<n>}
 * @param severity error, warning or advice
 * @param line 1-based line in the original text (the whole message, not the fenced block)
 * @param column 1-based column (UTF-16 units) in that line
 * @param start char offset of the match in the original text
 * @param end char offset after the match
 * @param language the language whose rules found it; null for language-agnostic rules
 * @param snippet the offending line, trimmed and shortened
 * @param description one line on what is wrong
 * @param fix one line on how to fix it
 */
public record Issue(
    String rule,
    String cwe,
    Severity severity,
    int line,
    int column,
    int start,
    int end,
    Language language,
    String snippet,
    String description,
    String fix) {

  public Issue {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(cwe, "cwe");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(description, "description");
    snippet = snippet == null ? "" : snippet;
    fix = fix == null ? "" : fix;
  }
}
