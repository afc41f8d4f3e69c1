package dev.bulwark.codeshield;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.codeshield.extract.CodeBlock;
import dev.bulwark.codeshield.extract.FencedBlocks;
import dev.bulwark.codeshield.shell.ShellRisk;
import dev.bulwark.codeshield.shell.ShellRules;
import dev.bulwark.codeshield.text.LineIndex;
import dev.bulwark.core.Cost;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Excerpt;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Message;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.ToolCall;
import dev.bulwark.core.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code shell-command} scanner: secure command execution for agents. It parses the shell commands an agent is
 * about to run (tool-call arguments such as {@code command}, {@code cmd}, {@code script}, {@code args}) and shell code
 * in assistant and tool text (fenced shell blocks, {@code $ }-prompt lines, or the whole text when it reads as
 * commands), and flags destructive or exfiltrating commands. Ordinary commands pass.
 */
public final class ShellCommandScanner extends OutputScanner {
  public static final String NAME = "shell-command";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> COMMAND_FIELDS = Set.of("command", "cmd", "commands", "script", "args", "argv",
      "shell", "bash", "input", "code", "run", "commandline", "command_line");
  private static final Set<String> SHELL_TAGS = Set.of("sh", "bash", "shell", "zsh", "console", "shell-session",
      "terminal", "ksh", "dash", "powershell", "ps1", "cmd", "bat");
  private static final Pattern PROMPT_LINE = Pattern.compile("(?m)^[ \\t]*(?:\\$|#|%|>|[\\w.-]+@[\\w.-]+:[^$#\\n]{0,80}[$#])[ \\t]+(\\S.*)$");
  /** First words that make a plain-text line read as a command. */
  private static final Pattern COMMAND_LINE = Pattern.compile(
      "^\\s*(?:sudo\\s+|env\\s+|[A-Z_][A-Z0-9_]*=\\S*\\s+)*(?:\\.{0,2}/\\S+|~/\\S+|[a-z][\\w.+-]*)(?:\\s|$)");
  private static final Set<String> COMMON_WORDS = Set.of("the", "a", "an", "to", "you", "i", "we", "it", "this", "that",
      "is", "are", "if", "in", "on", "of", "for", "and", "or", "not", "but", "here", "there", "note", "sure", "yes", "no",
      "please", "then", "first", "next", "finally", "also", "use", "run", "try", "so", "as", "with", "when", "what", "how",
      "why", "because", "however", "my", "your", "our", "they", "he", "she", "these", "those", "let", "can", "could",
      "should", "would", "will", "do", "does", "did", "be", "been", "have", "has", "had", "all", "any", "some", "each");

  private final boolean scanPlainText;
  private final Decision warnDecision;

  /** A linear tokenizer over the message with bounded depth: microseconds, safe to run inline. */
  public ShellCommandScanner(boolean scanPlainText, Decision warnDecision) {
    super(NAME, Cost.CHEAP);
    this.scanPlainText = scanPlainText;
    this.warnDecision = warnDecision;
  }

  public static ShellCommandScanner withDefaults() {
    return new ShellCommandScanner(true, Decision.HUMAN_IN_THE_LOOP_REQUIRED);
  }

  @Override
  public ScanResult scan(Message message, Trace context) {
    List<Finding> findings = new ArrayList<>();
    Decision decision = Decision.ALLOW;
    double clean = 1.0;
    boolean scanned = false;
    for (ToolCall call : message.toolCalls()) {
      for (String script : commandArguments(call)) {
        scanned = true;
        for (ShellRisk r : ShellRules.check(script)) {
          LineIndex lines = new LineIndex(script);
          findings.add(new Finding(r.rule(), r.category(), lines.lineOf(r.offset()), null, null, r.severity(),
              r.message() + " (tool call " + Excerpt.of(call.name(), 40) + ")"));
          decision = stricter(decision, r.decision());
          clean *= 1.0 - weight(r);
        }
      }
    }
    String content = message.content();
    if (!content.isBlank()) {
      LineIndex lines = new LineIndex(content);
      for (Script s : scripts(content, message.attribute(Message.LANGUAGE))) {
        scanned = true;
        for (ShellRisk r : ShellRules.check(s.text())) {
          int at = s.offset() + Math.min(r.offset(), s.text().length());
          findings.add(new Finding(r.rule(), r.category(), lines.lineOf(at), at, null, r.severity(), r.message()));
          decision = stricter(decision, r.decision());
          clean *= 1.0 - weight(r);
        }
      }
    }
    if (!scanned) {
      return ScanResult.skipped(NAME, "no shell commands found");
    }
    if (decision == Decision.HUMAN_IN_THE_LOOP_REQUIRED) {
      decision = warnDecision;
    }
    String reason = findings.isEmpty() ? "no dangerous commands"
        : findings.size() + " dangerous command(s); first: " + findings.get(0).rule() + ": " + findings.get(0).message();
    return ScanResult.of(NAME, decision, Math.min(1.0, 1.0 - clean), reason, findings);
  }

  private static double weight(ShellRisk r) {
    return r.decision() == Decision.BLOCK ? 0.95 : 0.6;
  }

  private static Decision stricter(Decision a, Decision b) {
    return b.isStricterThan(a) ? b : a;
  }

  private record Script(String text, int offset) {}

  /** The shell code in a message's text: fenced shell blocks, prompt lines, or the whole text if it reads as commands. */
  private List<Script> scripts(String content, String language) {
    List<Script> out = new ArrayList<>();
    boolean shellHint = language != null && Language.fromName(language).map(l -> l == Language.SHELL).orElse(false);
    FencedBlocks.Split split = FencedBlocks.split(content);
    boolean fenced = split.blocks().stream().anyMatch(CodeBlock::fenced);
    if (fenced) {
      for (CodeBlock b : split.blocks()) {
        String tag = b.tag() == null ? "" : b.tag().toLowerCase(Locale.ROOT);
        if (SHELL_TAGS.contains(tag) || tag.isEmpty() && readsAsCommands(b.text())) {
          out.add(new Script(stripPrompts(b.text()), b.offset()));
        }
      }
    } else if (shellHint || scanPlainText && readsAsCommands(content)) {
      out.add(new Script(stripPrompts(content), 0));
      return out;
    }
    Matcher m = PROMPT_LINE.matcher(content);
    while (m.find()) {
      if (!insideAny(m.start(), out)) {
        out.add(new Script(m.group(1), m.start(1)));
      }
    }
    return out;
  }

  private static boolean insideAny(int at, List<Script> scripts) {
    for (Script s : scripts) {
      if (at >= s.offset() && at < s.offset() + s.text().length()) {
        return true;
      }
    }
    return false;
  }

  /** Prompt markers ("$ ", "user@host:~$ ") are not part of the command; same length keeps offsets. */
  private static String stripPrompts(String text) {
    Matcher m = PROMPT_LINE.matcher(text);
    StringBuilder sb = new StringBuilder(text);
    while (m.find()) {
      for (int i = m.start(); i < m.start(1); i++) {
        if (sb.charAt(i) != '\n') {
          sb.setCharAt(i, ' ');
        }
      }
    }
    return sb.toString();
  }

  /** Whether every non-blank line of plain text starts like a command rather than a sentence. */
  static boolean readsAsCommands(String text) {
    int lines = 0;
    for (String line : text.split("\n", -1)) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      if (++lines > 200) {
        break;
      }
      Matcher m = COMMAND_LINE.matcher(t);
      if (!m.find()) {
        return false;
      }
      String first = t.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
      if (COMMON_WORDS.contains(first) || t.endsWith(".") && t.split("\\s+").length > 6 && !t.contains("|")) {
        return false;
      }
    }
    return lines > 0;
  }

  /** Command strings in a tool call's JSON arguments (strings or arrays of strings under command-like keys). */
  static List<String> commandArguments(ToolCall call) {
    List<String> out = new ArrayList<>();
    JsonNode args;
    try {
      args = JSON.readTree(call.arguments());
    } catch (java.io.IOException e) {
      out.add(call.arguments()); // not JSON: treat the raw argument text as the command
      return out;
    }
    if (args == null) {
      return out;
    }
    if (args.isTextual()) {
      out.add(args.asText());
    } else if (args.isArray()) {
      out.add(joinArgv(args));
    } else if (args.isObject()) {
      args.fields().forEachRemaining(e -> {
        if (!COMMAND_FIELDS.contains(e.getKey().toLowerCase(Locale.ROOT))) {
          return;
        }
        JsonNode v = e.getValue();
        if (v.isTextual()) {
          out.add(v.asText());
        } else if (v.isArray()) {
          out.add(joinArgv(v));
        }
      });
    }
    return out;
  }

  /** An argv array as one command line, each element single-quoted so the parser sees the same words. */
  private static String joinArgv(JsonNode array) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode item : array) {
      if (!item.isValueNode()) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append('\'').append(item.asText().replace("'", "'\\''")).append('\'');
    }
    return sb.toString();
  }
}
