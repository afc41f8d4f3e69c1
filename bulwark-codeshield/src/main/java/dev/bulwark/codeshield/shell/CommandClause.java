package dev.bulwark.codeshield.shell;

import dev.bulwark.core.Decision;
import dev.bulwark.core.Severity;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Conditions on one simple command, all of which must hold (an absent one always does). See
 * {@code shell/command-rules.yaml} for what each means; {@link CommandClauses} evaluates them.
 *
 * @param severity overrides the rule's, or null
 * @param decision overrides the rule's, or null
 * @param message overrides the rule's, or null
 */
public record CommandClause(
    Pattern command,
    List<String> flags,
    List<String> hasArg,
    Pattern argument,
    Pattern anyArgument,
    Pattern firstArgument,
    Pattern secondArgument,
    Pattern redirect,
    Pattern writes,
    Pattern reads,
    boolean runsInput,
    boolean noArguments,
    CommandClause pipedFrom,
    Pattern script,
    Severity severity,
    Decision decision,
    String message) {

  /** Whether this clause is about the whole script rather than one command. */
  boolean isScriptWide() {
    return script != null;
  }
}
