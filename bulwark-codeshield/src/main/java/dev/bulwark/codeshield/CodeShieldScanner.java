package dev.bulwark.codeshield;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.Cost;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Excerpt;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Message;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.Severity;
import dev.bulwark.core.StreamMode;
import dev.bulwark.core.ToolCall;
import dev.bulwark.core.Trace;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code code-shield} firewall scanner: runs {@link CodeShield} on assistant and tool messages (and on code passed
 * in tool-call arguments) and turns the treatment into a decision: block → BLOCK, warn → the configured decision
 * (human review by default), ignore → ALLOW. Findings carry the CWE as category and the 1-based line.
 */
public final class CodeShieldScanner extends OutputScanner {
  public static final String NAME = "code-shield";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Tool-call argument fields that hold code. */
  private static final List<String> CODE_FIELDS = List.of("code", "source", "script", "program", "content");

  private final CodeShield shield;
  private final String defaultLanguage;
  private final Decision onWarn;

  /** Bounded per rule and per parse, but a parse of a large block can take tens of milliseconds: not inline-cheap. */
  public CodeShieldScanner(CodeShield shield, String defaultLanguage, Decision onWarn) {
    super(NAME, Cost.MODERATE);
    this.shield = shield;
    this.defaultLanguage = defaultLanguage;
    this.onWarn = onWarn;
  }

  /** The scanner with the built-in rules, the default policy, and human review on warnings. */
  public static CodeShieldScanner withDefaults() {
    return new CodeShieldScanner(CodeShield.create(), null, Decision.HUMAN_IN_THE_LOOP_REQUIRED);
  }

  @Override
  public ScanResult scan(Message message, Trace context) {
    String hint = message.attribute(Message.LANGUAGE) != null ? message.attribute(Message.LANGUAGE) : defaultLanguage;
    List<Finding> findings = new ArrayList<>();
    Treatment worst = Treatment.IGNORE;
    List<Issue> flagging = new ArrayList<>();
    boolean scanned = false;
    if (!message.content().isBlank()) {
      scanned = true;
      CodeShieldResult r = shield.scan(message.content(), hint);
      worst = collect(r, null, findings, flagging, worst);
    }
    for (ToolCall call : message.toolCalls()) {
      for (CodeArgument arg : codeArguments(call)) {
        scanned = true;
        CodeShieldResult r = shield.scan(arg.code(), arg.language() != null ? arg.language() : hint);
        worst = collect(r, call.name(), findings, flagging, worst);
      }
    }
    if (!scanned) {
      return ScanResult.skipped(NAME, "no code to scan");
    }
    return verdict(worst, flagging, findings);
  }

  /** One streamed piece's verdict: {@code r} scanned text starting at {@code offset}, on line {@code line} of the answer. */
  ScanResult pieceVerdict(CodeShieldResult r, int offset, int line) {
    List<Finding> findings = new ArrayList<>();
    List<Issue> flagging = new ArrayList<>();
    for (Issue i : r.issues()) {
      findings.add(new Finding(i.rule(), i.cwe(), i.line() + line - 1, i.start() + offset, i.end() + offset,
          i.severity(), i.description()));
      if (shield.policy().treatmentOf(i.severity()) != Treatment.IGNORE) {
        flagging.add(new Issue(i.rule(), i.cwe(), i.severity(), i.line() + line - 1, i.column(), i.start() + offset,
            i.end() + offset, i.language(), i.snippet(), i.description(), i.fix()));
      }
    }
    return verdict(r.treatment(), flagging, findings);
  }

  CodeShield shield() {
    return shield;
  }

  String languageHint(Message template) {
    return template.attribute(Message.LANGUAGE) != null ? template.attribute(Message.LANGUAGE) : defaultLanguage;
  }

  private ScanResult verdict(Treatment worst, List<Issue> flagging, List<Finding> findings) {
    Decision decision = switch (worst) {
      case BLOCK -> Decision.BLOCK;
      case WARN -> onWarn;
      case IGNORE -> Decision.ALLOW;
    };
    return ScanResult.of(NAME, decision, score(flagging), reason(flagging, findings.size()), findings);
  }

  /**
   * Each fenced block is scanned once, when its closing fence arrives (an unterminated one at the end), and release
   * waits for it; text outside fences is scanned when the next fence opens, and an answer without any fence is
   * scanned whole at the end, as {@link #scan} would. The streamed verdict equals the whole answer's.
   */
  @Override
  public StreamMode streamMode() {
    return StreamMode.custom((template, context) -> new CodeShieldStream(this, languageHint(template)));
  }

  private Treatment collect(CodeShieldResult r, String toolName, List<Finding> findings, List<Issue> flagging, Treatment worst) {
    for (Issue i : r.issues()) {
      String where = toolName == null ? "" : " (in tool call " + Excerpt.of(toolName, 40) + ")";
      findings.add(new Finding(i.rule(), i.cwe(), i.line(), toolName == null ? i.start() : null,
          toolName == null ? i.end() : null, i.severity(), i.description() + where));
      if (shield.policy().treatmentOf(i.severity()) != Treatment.IGNORE) {
        flagging.add(i);
      }
    }
    return r.treatment().compareTo(worst) > 0 ? r.treatment() : worst;
  }

  /**
   * Combines the issues' severities as independent pieces of evidence: one error scores 0.9, one warning 0.6, one
   * advice 0.25; more issues push the score towards 1.
   */
  static double score(List<Issue> issues) {
    double clean = 1.0;
    for (Issue i : issues) {
      clean *= 1.0 - weight(i.severity());
    }
    return Math.max(0.0, Math.min(1.0, 1.0 - clean));
  }

  private static double weight(Severity s) {
    return switch (s) {
      case ERROR -> 0.9;
      case WARNING -> 0.6;
      case ADVICE -> 0.25;
    };
  }

  private static String reason(List<Issue> issues, int total) {
    if (issues.isEmpty()) {
      return total == 0 ? "no insecure code found" : total + " issue(s) below the reporting policy";
    }
    Issue top = issues.get(0);
    for (Issue i : issues) {
      if (i.severity().ordinal() < top.severity().ordinal()) {
        top = i;
      }
    }
    return issues.size() + " insecure-code issue(s); worst: " + top.rule() + " (" + top.cwe() + ") at line " + top.line()
        + ": " + Excerpt.of(top.snippet(), 60);
  }

  private record CodeArgument(String code, String language) {}

  private static List<CodeArgument> codeArguments(ToolCall call) {
    List<CodeArgument> out = new ArrayList<>();
    try {
      JsonNode args = JSON.readTree(call.arguments());
      if (args != null && args.isObject()) {
        String lang = args.hasNonNull("language") ? args.get("language").asText() : args.hasNonNull("lang") ? args.get("lang").asText() : null;
        for (String f : CODE_FIELDS) {
          JsonNode v = args.get(f);
          if (v != null && v.isTextual() && !v.asText().isBlank()) {
            out.add(new CodeArgument(v.asText(), lang));
          }
        }
      }
    } catch (java.io.IOException e) {
      // Arguments that are not JSON carry no code field; the message content is still scanned.
    }
    return out;
  }
}
