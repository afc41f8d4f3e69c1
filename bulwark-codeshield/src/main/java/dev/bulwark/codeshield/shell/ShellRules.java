package dev.bulwark.codeshield.shell;

import dev.bulwark.core.Excerpt;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The judgements of the {@code shell-command} scanner over parsed commands: the rules of
 * {@code shell/command-rules.yaml} (see {@link CommandRuleLoader}) run on each simple command (and the pipeline
 * feeding it), so quoting, wrappers and {@code sh -c} nesting cannot hide what finally runs.
 */
public final class ShellRules {
  private static final List<CommandRule> SHIPPED = CommandRuleLoader.shipped();

  private final List<CommandRule> rules;

  public ShellRules(List<CommandRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Every risk the shipped rules find in {@code script}. */
  public static List<ShellRisk> check(String script) {
    return new ShellRules(SHIPPED).risks(script);
  }

  /** The shipped rules. */
  public static List<CommandRule> shipped() {
    return SHIPPED;
  }

  /** Every risk in {@code script}: at most one per rule and command, from the first clause that holds. */
  public List<ShellRisk> risks(String script) {
    List<ShellRisk> risks = new ArrayList<>();
    for (CommandRule rule : rules) {
      for (CommandClause clause : rule.clauses()) {
        if (clause.isScriptWide()) {
          Matcher m = clause.script().matcher(script);
          if (m.find()) {
            risks.add(risk(rule, clause, "", new CommandClauses.Binding(m.group(), null), m.start()));
            break;
          }
        }
      }
    }
    for (SimpleCommand c : ShellParser.parse(script)) {
      for (CommandRule rule : rules) {
        for (CommandClause clause : rule.clauses()) {
          CommandClauses.Binding b = CommandClauses.match(clause, c);
          if (b != null) {
            risks.add(risk(rule, clause, c.baseName(), b, c.start()));
            break;
          }
        }
      }
    }
    return risks;
  }

  private static ShellRisk risk(CommandRule rule, CommandClause clause, String command, CommandClauses.Binding b, int offset) {
    String message = (clause.message() != null ? clause.message() : rule.message())
        .replace("${command}", command)
        .replace("${arg}", b.arg() == null ? "" : b.arg())
        .replace("${upstream}", b.upstream() == null ? "" : b.upstream());
    return new ShellRisk(rule.id(), rule.category(), clause.severity() != null ? clause.severity() : rule.severity(),
        clause.decision() != null ? clause.decision() : rule.decision(), Excerpt.of(message, 120), offset);
  }
}
