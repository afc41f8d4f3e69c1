package dev.bulwark.codeshield.rules;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regex a rule's match must (or must not) satisfy elsewhere in the block, like semgrep's {@code pattern-inside} /
 * {@code pattern-not-inside}. {@code ${name}} in the regex stands for the text of the match's group or capture of that
 * name (quoted), so "the buffer written here was declared as an array" can be said as data.
 *
 * @param template the regex source, possibly with {@code ${name}} placeholders
 * @param compiled the compiled regex when the template has no placeholder, else null
 * @param nearLines 0 for the whole block, else only lines within this distance of the match count
 */
public record Condition(String template, Pattern compiled, int nearLines) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)\\}");

  public static Condition of(String template, int nearLines) {
    boolean hasPlaceholder = PLACEHOLDER.matcher(template).find();
    Pattern p = hasPlaceholder ? null : Pattern.compile(template, Pattern.MULTILINE);
    if (hasPlaceholder) {
      // Validate the shape now, with a dummy substitution, so a broken rule fails at load time.
      Pattern.compile(PLACEHOLDER.matcher(template).replaceAll("x"), Pattern.MULTILINE);
    }
    return new Condition(template, p, nearLines);
  }

  /**
   * The regex source with placeholders filled from {@code bindings} (values quoted), or null when a placeholder has no
   * binding: the condition then does not apply (a rule whose regex has alternatives can tie a condition to one of
   * them). For a template without placeholders, the template itself.
   */
  public String resolve(Map<String, String> bindings) {
    if (compiled != null) {
      return template;
    }
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = bindings.get(m.group(1));
      if (value == null) {
        return null;
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(Pattern.quote(value)));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
