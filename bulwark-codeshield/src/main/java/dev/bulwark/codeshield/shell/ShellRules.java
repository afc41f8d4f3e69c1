package dev.bulwark.codeshield.shell;

import dev.bulwark.core.Decision;
import dev.bulwark.core.Excerpt;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The judgements of the {@code shell-command} scanner over parsed commands. Each check looks at one simple command
 * (and the pipeline feeding it), so quoting, wrappers and {@code sh -c} nesting cannot hide what finally runs.
 */
public final class ShellRules {
  private static final Set<String> DOWNLOADERS = Set.of("curl", "wget", "fetch", "aria2c", "http", "https", "lwp-request",
      "iwr", "invoke-webrequest", "irm", "invoke-restmethod");
  private static final Set<String> INTERPRETERS = Set.of("sh", "bash", "zsh", "dash", "ksh", "ash", "fish", "python",
      "python2", "python3", "perl", "ruby", "node", "php", "pwsh", "powershell", "iex", "invoke-expression", "source", ".");
  private static final Set<String> DECODERS = Set.of("base64", "base32", "xxd", "openssl", "uudecode", "gunzip", "zcat",
      "rev", "tr");
  private static final Set<String> NETWORK_SENDERS = Set.of("curl", "wget", "nc", "ncat", "netcat", "socat", "scp", "rsync",
      "ftp", "sftp", "telnet", "ssh", "http", "https");
  private static final Pattern ROOT_OR_HOME = Pattern.compile(
      "(?:/|/\\*|/\\.\\*|~|~/|~/\\*|\\$HOME|\\$\\{HOME\\}|\\$HOME/\\*?|\\$\\{HOME\\}/\\*?|/(?:etc|usr|bin|sbin|lib|lib64|boot|var|home|root|opt|sys|proc|dev)/?\\*?)");
  private static final Pattern DISK_DEVICE = Pattern.compile(
      "/dev/(?:sd[a-z]+\\d*|hd[a-z]+\\d*|vd[a-z]+\\d*|xvd[a-z]+\\d*|nvme\\d+n\\d+(?:p\\d+)?|mmcblk\\d+(?:p\\d+)?|disk\\d+s?\\d*|rdisk\\d+|mapper/\\S+|md\\d+)");
  private static final Pattern SSH_DIR = Pattern.compile("(?:~|\\$HOME|\\$\\{HOME\\}|/root|/home/[^/\\s]+)/\\.ssh(?:/|$)");
  private static final Pattern STARTUP_FILE = Pattern.compile(
      "(?:(?:~|\\$HOME|\\$\\{HOME\\}|/root|/home/[^/\\s]+)/\\.(?:bashrc|bash_profile|bash_login|profile|zshrc|zprofile|zshenv|zlogin|kshrc|cshrc|tcshrc|config/fish/config\\.fish|xinitrc|xprofile)"
          + "|/etc/(?:profile(?:\\.d/\\S*)?|bash\\.bashrc|bashrc|zshrc|zsh/\\S+|environment|rc\\.local|crontab|cron\\.\\w+/\\S*|sudoers(?:\\.d/\\S*)?|passwd|shadow|ld\\.so\\.preload)"
          + "|/var/spool/cron/\\S*|/etc/systemd/system/\\S+|(?:~|\\$HOME)/\\.config/(?:autostart|systemd)/\\S+)");
  private static final Pattern SECRET_FILE = Pattern.compile(
      "(?:~|\\$HOME|\\$\\{HOME\\}|/root|/home/[^/\\s]+)/\\.(?:ssh/(?:id_\\w+|identity)|aws/credentials|netrc|git-credentials|docker/config\\.json|kube/config|config/gcloud/\\S*|bash_history|zsh_history|pgpass|npmrc|pypirc|gnupg/\\S*)"
          + "|/etc/(?:shadow|gshadow|sudoers)|(?:^|/)\\.env(?:\\.\\w+)?$");
  private static final Pattern FORK_BOMB = Pattern.compile("(\\w+|:)\\s*\\(\\s*\\)\\s*\\{[^}]{0,40}\\1\\s*\\|\\s*\\1\\s*&");

  private ShellRules() {}

  /** Every risk in {@code script}; {@code where} names the source in messages (e.g. "tool call run_shell"). */
  public static List<ShellRisk> check(String script) {
    List<ShellRisk> risks = new ArrayList<>();
    var m = FORK_BOMB.matcher(script);
    if (m.find()) {
      risks.add(new ShellRisk("shell.fork-bomb", "destructive", Severity.ERROR, Decision.BLOCK,
          "fork bomb: a function that pipes into itself in the background exhausts the process table", m.start()));
    }
    for (SimpleCommand c : ShellParser.parse(script)) {
      checkCommand(c, risks);
    }
    return risks;
  }

  private static void checkCommand(SimpleCommand c, List<ShellRisk> risks) {
    String name = c.baseName().toLowerCase(Locale.ROOT);
    List<String> args = c.args();
    // Recursive delete of the root, home, or a system directory.
    if ((name.equals("rm") && hasFlag(args, 'r', "--recursive")) || name.equals("rmdir") && args.contains("--ignore-fail-on-non-empty")) {
      for (String a : args) {
        if (!a.startsWith("-") && ROOT_OR_HOME.matcher(a).matches()) {
          add(risks, c, "shell.recursive-delete", "destructive", Severity.ERROR, Decision.BLOCK,
              "recursive delete of " + a);
          break;
        }
      }
      if (args.contains("--no-preserve-root")) {
        add(risks, c, "shell.recursive-delete", "destructive", Severity.ERROR, Decision.BLOCK, "rm --no-preserve-root");
      }
    }
    if (name.equals("find") && !args.isEmpty() && ROOT_OR_HOME.matcher(args.get(0)).matches()
        && (args.contains("-delete") || args.contains("-exec") && args.contains("rm"))) {
      add(risks, c, "shell.recursive-delete", "destructive", Severity.ERROR, Decision.BLOCK, "find " + args.get(0) + " deleting files");
    }
    // Disks: dd to a device, mkfs, wipefs, shred of a device, redirect onto a device.
    if (name.equals("dd")) {
      for (String a : args) {
        if (a.startsWith("of=") && DISK_DEVICE.matcher(a.substring(3)).lookingAt()) {
          add(risks, c, "shell.disk-overwrite", "destructive", Severity.ERROR, Decision.BLOCK, "dd writing to " + a.substring(3));
        }
      }
    }
    if (name.startsWith("mkfs") || name.equals("wipefs") || name.equals("mke2fs") || (name.equals("shred") || name.equals("blkdiscard"))
        && args.stream().anyMatch(a -> DISK_DEVICE.matcher(a).lookingAt())) {
      add(risks, c, "shell.disk-overwrite", "destructive", Severity.ERROR, Decision.BLOCK, name + " destroys a file system");
    }
    for (SimpleCommand.Redirect r : c.redirects()) {
      if (r.writes() && DISK_DEVICE.matcher(r.target()).lookingAt()) {
        add(risks, c, "shell.disk-overwrite", "destructive", Severity.ERROR, Decision.BLOCK, "output redirected onto " + r.target());
      }
    }
    // Downloaded or decoded content run by an interpreter.
    if (isInterpreter(c)) {
      SimpleCommand src = c.pipedFrom();
      while (src != null) {
        String srcName = src.baseName().toLowerCase(Locale.ROOT);
        if (DOWNLOADERS.contains(srcName)) {
          add(risks, c, "shell.pipe-to-shell", "remote-code-execution", Severity.ERROR, Decision.BLOCK,
              "output of " + srcName + " is run by " + name);
          break;
        }
        if (isDecoder(src)) {
          add(risks, c, "shell.encoded-payload", "obfuscation", Severity.ERROR, Decision.BLOCK,
              "decoded data (" + srcName + ") is run by " + name);
          break;
        }
        src = src.pipedFrom();
      }
      for (String a : args) {
        if (a.matches("(?s).*[<$]\\(\\s*(?:curl|wget|fetch)\\b.*")) {
          add(risks, c, "shell.pipe-to-shell", "remote-code-execution", Severity.ERROR, Decision.BLOCK,
              name + " runs a script fetched from the network");
          break;
        }
        if (a.matches("(?s).*\\$\\(\\s*(?:echo|printf)\\b[^)]*\\|\\s*base64\\s+(?:-d|--decode|-D).*")) {
          add(risks, c, "shell.encoded-payload", "obfuscation", Severity.ERROR, Decision.BLOCK, name + " runs base64-decoded code");
          break;
        }
      }
    }
    // Reverse shells.
    for (SimpleCommand.Redirect r : c.redirects()) {
      if (r.target().matches("/dev/(?:tcp|udp)/.+")) {
        add(risks, c, "shell.reverse-shell", "reverse-shell", Severity.ERROR, Decision.BLOCK, "connection to " + r.target());
      }
    }
    for (String a : args) {
      if (a.matches("/dev/(?:tcp|udp)/[^/\\s]+/\\d+")) {
        add(risks, c, "shell.reverse-shell", "reverse-shell", Severity.ERROR, Decision.BLOCK, "connection to " + a);
      }
    }
    if ((name.equals("nc") || name.equals("ncat") || name.equals("netcat") || name.equals("nc.traditional"))
        && args.stream().anyMatch(a -> a.matches("-[a-zA-Z]*[ec][a-zA-Z]*") || a.equals("--exec") || a.equals("--sh-exec"))) {
      add(risks, c, "shell.reverse-shell", "reverse-shell", Severity.ERROR, Decision.BLOCK, name + " executing a program for a network peer");
    }
    if (name.equals("socat") && args.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).matches("(?:exec|system):.*"))) {
      add(risks, c, "shell.reverse-shell", "reverse-shell", Severity.ERROR, Decision.BLOCK, "socat connecting a shell to a socket");
    }
    if (name.matches("python[23]?|perl|ruby|php") && args.stream().anyMatch(a -> a.contains("socket") && (a.contains("subprocess")
        || a.contains("pty.spawn") || a.contains("/bin/sh") || a.contains("exec") || a.contains("dup2")))) {
      add(risks, c, "shell.reverse-shell", "reverse-shell", Severity.ERROR, Decision.BLOCK, name + " one-liner wiring a shell to a socket");
    }
    // Writes to ~/.ssh, shell start-up files, cron, sudoers, passwd.
    List<String> written = writtenPaths(c);
    for (String target : written) {
      if (SSH_DIR.matcher(target).find()) {
        add(risks, c, "shell.ssh-write", "persistence", Severity.ERROR, Decision.BLOCK, "writes to " + target);
      } else if (STARTUP_FILE.matcher(target).find()) {
        boolean system = target.startsWith("/etc/") || target.startsWith("/var/");
        add(risks, c, "shell.startup-file-write", "persistence", system ? Severity.ERROR : Severity.WARNING,
            system ? Decision.BLOCK : Decision.HUMAN_IN_THE_LOOP_REQUIRED, "writes to " + target);
      }
    }
    if (name.equals("crontab") && (args.contains("-") || args.isEmpty() && c.pipedFrom() != null)) {
      add(risks, c, "shell.startup-file-write", "persistence", Severity.WARNING, Decision.HUMAN_IN_THE_LOOP_REQUIRED,
          "installs a crontab from input");
    }
    // Permissions.
    if (name.equals("chmod")) {
      boolean recursive = hasFlag(args, 'R', "--recursive");
      boolean open = args.stream().anyMatch(a -> a.matches("0?[0-7]?(?:777|666|776|766|757|747)") || a.matches("(?:a|o|ugo)?\\+[rwx]*w[rwx]*|a=rwx|ugo=rwx"));
      boolean rootTarget = args.stream().anyMatch(a -> !a.startsWith("-") && ROOT_OR_HOME.matcher(a).matches());
      if (open && (recursive && rootTarget || rootTarget)) {
        add(risks, c, "shell.world-writable", "permissions", Severity.ERROR, Decision.BLOCK,
            "makes " + (recursive ? "everything under " : "") + "a system or home directory writable by all");
      } else if (open) {
        add(risks, c, "shell.world-writable", "permissions", Severity.WARNING, Decision.HUMAN_IN_THE_LOOP_REQUIRED,
            "makes files writable by every user");
      }
      if (args.stream().anyMatch(a -> a.matches("[ugoa]*\\+[rwx]*s[rwx]*|[24]7[0-7]{2}"))) {
        add(risks, c, "shell.setuid", "permissions", Severity.WARNING, Decision.HUMAN_IN_THE_LOOP_REQUIRED, "sets a setuid/setgid bit");
      }
    }
    // Credentials read and sent away, or read at all.
    boolean readsSecret = args.stream().anyMatch(a -> SECRET_FILE.matcher(stripAt(a)).find())
        || c.redirects().stream().anyMatch(r -> !r.writes() && SECRET_FILE.matcher(r.target()).find());
    boolean sends = NETWORK_SENDERS.contains(name);
    if (readsSecret && sends) {
      add(risks, c, "shell.credential-exfiltration", "exfiltration", Severity.ERROR, Decision.BLOCK,
          name + " sends a credential file over the network");
    } else if (sends && feedsFrom(c, ShellRules::readsSecretOrEnvironment)) {
      add(risks, c, "shell.credential-exfiltration", "exfiltration", Severity.ERROR, Decision.BLOCK,
          "credentials, shell history or the environment are piped to " + name);
    } else if (readsSecret && Set.of("cat", "less", "more", "head", "tail", "cp", "base64", "xxd", "strings", "tar", "zip", "gpg").contains(name)) {
      add(risks, c, "shell.credential-read", "exfiltration", Severity.WARNING, Decision.HUMAN_IN_THE_LOOP_REQUIRED,
          name + " reads a credential file");
    }
    // Covering tracks and switching off defences.
    if (name.equals("history") && args.contains("-c") || name.equals("unset") && args.contains("HISTFILE")
        || (name.equals("export") || name.isEmpty()) && args.stream().anyMatch(a -> a.matches("HISTFILE=(?:/dev/null)?|HISTSIZE=0"))
        || name.equals("setenforce") && args.contains("0")
        || name.equals("ufw") && args.contains("disable")
        || name.equals("iptables") && (args.contains("-F") || args.contains("--flush"))
        || name.equals("systemctl") && args.size() >= 2 && args.get(0).matches("stop|disable|mask") && args.get(1).matches("(?i).*(?:firewalld|auditd|apparmor|ufw|falcon|crowdstrike|osquery).*")) {
      add(risks, c, "shell.defense-evasion", "defense-evasion", Severity.WARNING, Decision.HUMAN_IN_THE_LOOP_REQUIRED,
          "clears history or disables a security control");
    }
    if (name.equals("kill") && args.contains("-1") && args.stream().anyMatch(a -> a.equals("-9") || a.equals("-KILL"))) {
      add(risks, c, "shell.kill-all", "destructive", Severity.WARNING, Decision.HUMAN_IN_THE_LOOP_REQUIRED, "kills every process");
    }
  }

  private static boolean readsSecretOrEnvironment(SimpleCommand c) {
    String n = c.baseName();
    return c.args().stream().anyMatch(a -> SECRET_FILE.matcher(a).find())
        || n.equals("env") && c.args().isEmpty() || n.equals("printenv") || n.equals("history")
        || c.redirects().stream().anyMatch(r -> !r.writes() && SECRET_FILE.matcher(r.target()).find());
  }

  private static boolean feedsFrom(SimpleCommand c, java.util.function.Predicate<SimpleCommand> test) {
    for (SimpleCommand s = c.pipedFrom(); s != null; s = s.pipedFrom()) {
      if (test.test(s)) {
        return true;
      }
    }
    return false;
  }

  private static String stripAt(String a) {
    String v = a.startsWith("@") ? a.substring(1) : a;
    int eq = v.indexOf("=@");
    return eq >= 0 ? v.substring(eq + 2) : v;
  }

  private static boolean isInterpreter(SimpleCommand c) {
    String n = c.baseName().toLowerCase(Locale.ROOT);
    if (!INTERPRETERS.contains(n)) {
      return false;
    }
    // "python script.py" reads a file, not stdin; "bash -c x" runs its argument.
    for (String a : c.args()) {
      if (!a.startsWith("-")) {
        return a.equals("-") || a.startsWith("<(") || a.startsWith("$(") || n.equals("source") || n.equals(".");
      }
    }
    return true;
  }

  private static boolean isDecoder(SimpleCommand c) {
    String n = c.baseName().toLowerCase(Locale.ROOT);
    if (!DECODERS.contains(n)) {
      return false;
    }
    List<String> a = c.args();
    return switch (n) {
      case "base64", "base32" -> a.contains("-d") || a.contains("--decode") || a.contains("-D");
      case "xxd" -> a.contains("-r") || a.contains("-p") && a.contains("-r");
      case "openssl" -> a.contains("-d") || a.contains("base64") && a.contains("-d");
      case "tr", "rev" -> c.pipedFrom() != null && isDecoder(c.pipedFrom());
      default -> true;
    };
  }

  private static List<String> writtenPaths(SimpleCommand c) {
    List<String> out = new ArrayList<>();
    for (SimpleCommand.Redirect r : c.redirects()) {
      if (r.writes()) {
        out.add(r.target());
      }
    }
    String n = c.baseName();
    List<String> args = c.args();
    switch (n) {
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

  private static boolean hasFlag(List<String> args, char flag, String longFlag) {
    for (String a : args) {
      if (a.equals(longFlag) || a.startsWith("-") && !a.startsWith("--") && a.indexOf(flag) > 0) {
        return true;
      }
    }
    return false;
  }

  private static void add(List<ShellRisk> risks, SimpleCommand c, String rule, String category, Severity severity,
      Decision decision, String message) {
    for (ShellRisk r : risks) {
      if (r.rule().equals(rule) && r.offset() == c.start()) {
        return;
      }
    }
    risks.add(new ShellRisk(rule, category, severity, decision, Excerpt.of(message, 120), c.start()));
  }
}
