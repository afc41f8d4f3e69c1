package dev.bulwark.codeshield.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A small POSIX-shell tokenizer: splits a script into simple commands at {@code |}, {@code ||}, {@code &&}, {@code ;},
 * {@code &}, newlines and subshell parentheses; removes quotes ({@code '...'}, {@code "..."}, backslash escapes); keeps
 * redirections apart; and parses command substitutions ({@code $(...)}, backticks, {@code <(...)}) and the script
 * strings of {@code sh -c}, {@code bash -c}, {@code eval} and wrappers such as {@code sudo}, {@code env},
 * {@code nohup}, {@code timeout} and {@code xargs} as commands of their own. Linear, bounded (depth and size), and
 * never throws on malformed input: an unterminated quote runs to the end.
 */
public final class ShellParser {
  private static final int MAX_DEPTH = 6;
  private static final int MAX_COMMANDS = 5000;
  private static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh", "ash", "busybox", "fish");
  private static final Set<String> WRAPPERS = Set.of("sudo", "doas", "nohup", "exec", "command", "builtin", "time",
      "nice", "ionice", "stdbuf", "setsid", "unbuffer", "chroot", "runuser", "caffeinate", "proxychains", "torsocks");

  private final List<SimpleCommand> out = new ArrayList<>();

  private ShellParser() {}

  /** Every simple command in {@code script}, including those nested in substitutions and {@code sh -c} strings. */
  public static List<SimpleCommand> parse(String script) {
    ShellParser p = new ShellParser();
    p.parseScript(script, 0, 0);
    return List.copyOf(p.out);
  }

  private void parseScript(String s, int base, int depth) {
    if (depth > MAX_DEPTH) {
      return;
    }
    int n = s.length();
    int i = 0;
    List<String> words = new ArrayList<>();
    List<SimpleCommand.Redirect> redirects = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    String pendingRedirect = null;
    SimpleCommand pipedFrom = null;
    int cmdStart = 0;
    while (i <= n && out.size() < MAX_COMMANDS) {
      char c = i < n ? s.charAt(i) : '\n';
      boolean end = i >= n;
      if (!end && c == '\\' && i + 1 < n) {
        if (s.charAt(i + 1) != '\n') {
          word.append(s.charAt(i + 1));
          inWord = true;
        }
        i += 2;
        continue;
      }
      if (!end && c == '\'') {
        int close = s.indexOf('\'', i + 1);
        close = close < 0 ? n : close;
        word.append(s, i + 1, close);
        inWord = true;
        i = Math.min(n, close + 1);
        continue;
      }
      if (!end && c == '"') {
        int j = i + 1;
        while (j < n && s.charAt(j) != '"') {
          char d = s.charAt(j);
          if (d == '\\' && j + 1 < n && "\"\\$`\n".indexOf(s.charAt(j + 1)) >= 0) {
            if (s.charAt(j + 1) != '\n') {
              word.append(s.charAt(j + 1));
            }
            j += 2;
            continue;
          }
          if (d == '$' && j + 1 < n && s.charAt(j + 1) == '(') {
            int close = matchParen(s, j + 1);
            parseScript(s.substring(j + 2, Math.max(j + 2, close)), base + j + 2, depth + 1);
            word.append(s, j, Math.min(n, close + 1));
            j = Math.min(n, close + 1);
            continue;
          }
          if (d == '`') {
            int close = s.indexOf('`', j + 1);
            close = close < 0 ? n : close;
            parseScript(s.substring(j + 1, close), base + j + 1, depth + 1);
            word.append(s, j, Math.min(n, close + 1));
            j = Math.min(n, close + 1);
            continue;
          }
          word.append(d);
          j++;
        }
        inWord = true;
        i = Math.min(n, j + 1);
        continue;
      }
      if (!end && (c == '$' || c == '<' || c == '>') && i + 1 < n && s.charAt(i + 1) == '(') {
        int close = matchParen(s, i + 1);
        parseScript(s.substring(i + 2, Math.max(i + 2, close)), base + i + 2, depth + 1);
        word.append(s, i, Math.min(n, close + 1));
        inWord = true;
        i = Math.min(n, close + 1);
        continue;
      }
      if (!end && c == '`') {
        int close = s.indexOf('`', i + 1);
        close = close < 0 ? n : close;
        parseScript(s.substring(i + 1, close), base + i + 1, depth + 1);
        word.append(s, i, Math.min(n, close + 1));
        inWord = true;
        i = Math.min(n, close + 1);
        continue;
      }
      if (!end && c == '#' && !inWord) {
        int nl = s.indexOf('\n', i);
        i = nl < 0 ? n : nl;
        continue;
      }
      boolean isSpace = c == ' ' || c == '\t' || c == '\r';
      boolean isRedirect = !end && (c == '>' || c == '<' || c == '&' && i + 1 < n && s.charAt(i + 1) == '>');
      boolean isOperator = end || c == '\n' || c == ';' || c == '|' || c == '&' || c == '(' || c == ')';
      if (isSpace || isRedirect || isOperator) {
        if (inWord) {
          String w = word.toString();
          if (pendingRedirect != null) {
            redirects.add(new SimpleCommand.Redirect(pendingRedirect, w));
            pendingRedirect = null;
          } else if (isRedirect && w.matches("\\d+|&")) {
            // "2>" or "&>": the descriptor belongs to the operator
            pendingRedirect = w;
          } else {
            words.add(w);
          }
          word.setLength(0);
          inWord = false;
        }
        if (isRedirect) {
          int j = i;
          StringBuilder op = new StringBuilder(pendingRedirect == null ? "" : pendingRedirect);
          while (j < n && (s.charAt(j) == '>' || s.charAt(j) == '<' || s.charAt(j) == '&' || s.charAt(j) == '|')) {
            op.append(s.charAt(j));
            j++;
          }
          pendingRedirect = op.toString();
          i = j;
          continue;
        }
        if (isOperator) {
          boolean pipe = !end && c == '|' && (i + 1 >= n || s.charAt(i + 1) != '|');
          if (c == '&' && i > 0 && s.charAt(i - 1) == '>') {
            i++;
            continue;
          }
          SimpleCommand cmd = emit(words, redirects, pipedFrom, base + cmdStart, depth);
          pipedFrom = pipe ? cmd : null;
          words = new ArrayList<>();
          redirects = new ArrayList<>();
          pendingRedirect = null;
          if (!end && (c == '|' || c == '&') && i + 1 < n && s.charAt(i + 1) == c) {
            i++;
          }
          i++;
          cmdStart = i;
          continue;
        }
        i++;
        continue;
      }
      word.append(c);
      inWord = true;
      i++;
    }
  }

  private SimpleCommand emit(List<String> words, List<SimpleCommand.Redirect> redirects, SimpleCommand pipedFrom,
      int start, int depth) {
    if (words.isEmpty() && redirects.isEmpty()) {
      return pipedFrom;
    }
    List<String> effective = unwrap(words);
    SimpleCommand cmd = new SimpleCommand(List.copyOf(effective), List.copyOf(redirects), pipedFrom, start, depth);
    out.add(cmd);
    // Script strings run by a shell or eval are commands too.
    String name = cmd.baseName();
    if (SHELLS.contains(name) || name.equals("su")) {
      for (int k = 1; k < effective.size() - 1; k++) {
        String a = effective.get(k);
        if (a.startsWith("-") && !a.startsWith("--") && a.indexOf('c') > 0) {
          parseScript(effective.get(k + 1), start, depth + 1);
          break;
        }
      }
    } else if (name.equals("eval") && effective.size() > 1) {
      parseScript(String.join(" ", effective.subList(1, effective.size())), start, depth + 1);
    }
    return cmd;
  }

  /** Drops leading assignments and wrappers (sudo -u x, env A=1, timeout 5, xargs -0) to reach the real command. */
  static List<String> unwrap(List<String> words) {
    int k = 0;
    int guard = 0;
    while (k < words.size() && guard++ < 20) {
      String w = words.get(k);
      String base = w.substring(w.lastIndexOf('/') + 1);
      if (w.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
        k++;
      } else if (WRAPPERS.contains(base) || base.equals("env") || base.equals("xargs")) {
        k++;
        while (k < words.size() && (words.get(k).startsWith("-") || words.get(k).matches("[A-Za-z_]\\w*=.*"))) {
          String opt = words.get(k);
          k++;
          // Options that take a value: sudo -u USER, timeout -s SIG, xargs -I {} / -n N, nice -n N.
          if (opt.matches("-[ugCDhprtTIdEnsLPa]") && k < words.size()) {
            k++;
          }
        }
      } else if (base.equals("timeout") && k + 1 < words.size()) {
        k += 2;
      } else {
        break;
      }
    }
    // A bare wrapper ("env", "sudo") is itself the command.
    return k == 0 || k >= words.size() ? words : words.subList(k, words.size());
  }

  private static int matchParen(String s, int open) {
    int depth = 0;
    for (int j = open; j < s.length(); j++) {
      char c = s.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == '\'') {
        int close = s.indexOf('\'', j + 1);
        if (close < 0) {
          return s.length();
        }
        j = close;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (--depth == 0) {
          return j;
        }
      }
    }
    return s.length();
  }
}
