package dev.bulwark.codeshield.shell;

import dev.bulwark.core.Decision;
import dev.bulwark.core.Severity;

/**
 * One dangerous thing a command does.
 *
 * @param rule rule id, e.g. {@code shell.pipe-to-shell}
 * @param category what kind of harm: destructive, remote-code-execution, reverse-shell, persistence, permissions,
 *     obfuscation, exfiltration, defense-evasion
 * @param severity how serious
 * @param decision what the scanner recommends for it
 * @param message one line, naming the offending part
 * @param offset char offset of the command in the scanned text
 */
public record ShellRisk(String rule, String category, Severity severity, Decision decision, String message, int offset) {}
