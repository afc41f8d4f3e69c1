package dev.bulwark.codeshield.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Evaluates a {@link CommandClause} on a parsed command. The shell knowledge the conditions rely on lives here, once:
 * which paths a command writes, what it reads, and whether an interpreter takes its program from its input.
 */
final class CommandClauses {
  /** What a clause bound while it matched: the argument or path that made it hold, and the upstream command. */
  record Binding(String arg, String upstream) {}

  private static final Set<String> SCRIPT_FROM_ARGUMENT_ONLY = Set.of("source", ".");

  private CommandClauses() {}

  /** The binding if {@code clause} holds for {@code c}, else null. Script-wide clauses never hold here. */
  static Binding match(CommandClause clause, SimpleCommand c) {
    if (clause.isScriptWide()) {
      return null;
    }
    String name = c.baseName().toLowerCase(Locale.ROOT);
    List<String> args = c.args();
    if (clause.command() != null && !clause.command().matcher(name).matches()) {
      return null;
    }
    if (clause.noArguments() && !args.isEmpty()) {
      return null;
    }
    if (!clause.flags().isEmpty() && clause.flags().stream().noneMatch(f -> hasFlag(args, f))) {
      return null;
    }
    if (!clause.hasArg().isEmpty() && args.stream().noneMatch(clause.hasArg()::contains)) {
      return null;
    }
    String bound = null;
    if (clause.firstArgument() != null) {
      if (args.isEmpty() || !clause.firstArgument().matcher(args.get(0)).matches()) {
        return null;
      }
      bound = args.get(0);
    }
    if (clause.secondArgument() != null && (args.size() < 2 || !clause.secondArgument().matcher(args.get(1)).matches())) {
      return null;
    }
    if (clause.anyArgument() != null) {
      String a = first(args, clause.anyArgument(), false);
      if (a == null) {
        return null;
      }
      bound = bound == null ? a : bound;
    }
    if (clause.argument() != null) {
      String a = first(args.stream().filter(x -> !x.startsWith("-")).toList(), clause.argument(), false);
      if (a == null) {
        return null;
      }
      bound = a;
    }
    if (clause.redirect() != null) {
      String a = first(c.redirects().stream().map(SimpleCommand.Redirect::target).toList(), clause.redirect(), false);
      if (a == null) {
        return null;
      }
      bound = a;
    }
    if (clause.writes() != null) {
      String a = first(writtenPaths(c), clause.writes(), true);
      if (a == null) {
        return null;
      }
      bound = a;
    }
    if (clause.reads() != null) {
      String a = first(readPaths(c), clause.reads(), true);
      if (a == null) {
        return null;
      }
      bound = a;
    }
    if (clause.runsInput() && !runsInput(c)) {
      return null;
    }
    String upstream = null;
    if (clause.pipedFrom() != null) {
      for (SimpleCommand s = c.pipedFrom(); s != null && upstream == null; s = s.pipedFrom()) {
        if (match(clause.pipedFrom(), s) != null) {
          upstream = s.baseName();
        }
      }
      if (upstream == null) {
        return null;
      }
    }
    return new Binding(bound, upstream);
  }

  private static String first(List<String> values, Pattern p, boolean find) {
    for (String v : values) {
      if (find ? p.matcher(v).find() : p.matcher(v).matches()) {
        return v;
      }
    }
    return null;
  }

  /** A long flag is compared whole; a one-letter flag is found in any group of short flags ({@code -rf}). */
  private static boolean hasFlag(List<String> args, String flag) {
    for (String a : args) {
      if (flag.length() == 1 ? a.startsWith("-") && !a.startsWith("--") && a.indexOf(flag.charAt(0)) > 0 : a.equals(flag)) {
        return true;
      }
    }
    return false;
  }

  /** An interpreter runs its input when no script file is named ({@code curl … | sh}, {@code bash -}, {@code bash <(…)}). */
  private static boolean runsInput(SimpleCommand c) {
    String n = c.baseName().toLowerCase(Locale.ROOT);
    for (String a : c.args()) {
      if (!a.startsWith("-")) {
        return a.equals("-") || a.startsWith("<(") || a.startsWith("$(") || SCRIPT_FROM_ARGUMENT_ONLY.contains(n);
      }
    }
    return true;
  }

  /** Arguments as files the command reads (curl's {@code @file} and {@code name=@file} too) and input redirections. */
  private static List<String> readPaths(SimpleCommand c) {
    List<String> out = new ArrayList<>();
    for (String a : c.args()) {
      String v = a.startsWith("@") ? a.substring(1) : a;
      int eq = v.indexOf("=@");
      out.add(eq >= 0 ? v.substring(eq + 2) : v);
    }
    for (SimpleCommand.Redirect r : c.redirects()) {
      if (!r.writes()) {
        out.add(r.target());
      }
    }
    return out;
  }

  /** Output redirections and the destinations of commands that write files. */
  private static List<String> writtenPaths(SimpleCommand c) {
    List<String> out = new ArrayList<>();
    for (SimpleCommand.Redirect r : c.redirects()) {
      if (r.writes()) {
        out.add(r.target());
      }
    }
    List<String> args = c.args();
    switch (c.baseName()) {
      case "tee" -> args.stream().filter(a -> !a.startsWith("-")).forEach(out::add);
      case "cp", "mv", "install", "ln", "rsync", "scp" -> {
        List<String> paths = args.stream().filter(a -> !a.startsWith("-")).toList();
        if (!paths.isEmpty()) {
          out.add(paths.get(paths.size() - 1));
        }
      }
      case "ssh-copy-id" -> out.add("~/.ssh/authorized_keys");
      case "sed" -> {
        if (args.stream().anyMatch(a -> a.startsWith("-i"))) {
          args.stream().filter(a -> !a.startsWith("-")).skip(1).forEach(out::add);
        }
      }
      case "dd" -> args.stream().filter(a -> a.startsWith("of=")).forEach(a -> out.add(a.substring(3)));
      default -> { }
    }
    return out;
  }
}
