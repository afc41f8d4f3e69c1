package dev.bulwark.codeshield;

import java.util.List;
import java.util.Objects;

/**
 * What {@link CodeShield#scan} found.
 *
 * @param insecure true when some issue's treatment is not {@link Treatment#IGNORE}
 * @param treatment the strictest treatment over the issues; {@link Treatment#IGNORE} when there are none
 * @param issues the issues, ordered by position
 * @param languages the languages the code was scanned as (from the caller, fence tags or detection), in order of
 *     first appearance; empty when no language could be told
 * @param languageAgnosticOnly true when some code could not be assigned a language, so only the language-agnostic
 *     rules (secrets, keys) ran on it
 * @param notes anything the caller should know: blocks scanned without a syntax tree, caps applied, ...
 */
public record CodeShieldResult(
    boolean insecure,
    Treatment treatment,
    List<Issue> issues,
    List<Language> languages,
    boolean languageAgnosticOnly,
    List<String> notes) {

  public CodeShieldResult {
    Objects.requireNonNull(treatment, "treatment");
    issues = List.copyOf(issues);
    languages = List.copyOf(languages);
    notes = List.copyOf(notes);
  }
}
