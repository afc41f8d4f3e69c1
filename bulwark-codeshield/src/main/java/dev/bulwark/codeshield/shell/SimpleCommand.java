package dev.bulwark.codeshield.shell;

import java.util.List;

/**
 * One simple command after quote removal: its words, its redirections, and where it sits in a pipeline.
 *
 * @param words argv, with quotes removed and escapes resolved; substitutions kept as written ({@code $(...)})
 * @param redirects redirections in order
 * @param pipedFrom the command whose output feeds this one, or null
 * @param start char offset of the command in the text it was parsed from
 * @param depth 0 for top-level commands, more for commands inside substitutions or {@code sh -c} strings
 */
public record SimpleCommand(List<String> words, List<Redirect> redirects, SimpleCommand pipedFrom, int start, int depth) {

  /** A redirection such as {@code >> ~/.bashrc} or {@code >& /dev/tcp/h/p}. */
  public record Redirect(String operator, String target) {
    public boolean writes() {
      return operator.contains(">");
    }
  }

  public String name() {
    return words.isEmpty() ? "" : words.get(0);
  }

  /** The command name without a directory, e.g. {@code /usr/bin/curl} → {@code curl}. */
  public String baseName() {
    String n = name();
    int slash = n.lastIndexOf('/');
    return slash >= 0 ? n.substring(slash + 1) : n;
  }

  public List<String> args() {
    return words.size() <= 1 ? List.of() : words.subList(1, words.size());
  }
}
