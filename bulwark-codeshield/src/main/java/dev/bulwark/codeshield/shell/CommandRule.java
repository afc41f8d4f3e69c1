package dev.bulwark.codeshield.shell;

import dev.bulwark.core.Decision;
import dev.bulwark.core.Severity;
import java.util.List;

/**
 * One rule of the {@code shell-command} scanner, read from {@code shell/command-rules.yaml}: what it is called, what
 * harm it names, and the clauses any one of which makes a command match.
 *
 * @param id e.g. {@code shell.pipe-to-shell}
 * @param category what kind of harm (destructive, remote-code-execution, reverse-shell, persistence, ...)
 * @param severity how serious, unless the matching clause says otherwise
 * @param decision what the scanner recommends, unless the matching clause says otherwise
 * @param message one line; {@code ${command}}, {@code ${arg}} and {@code ${upstream}} are filled in
 * @param clauses alternatives, tried in order
 */
public record CommandRule(String id, String category, Severity severity, Decision decision, String message,
    List<CommandClause> clauses) {}
