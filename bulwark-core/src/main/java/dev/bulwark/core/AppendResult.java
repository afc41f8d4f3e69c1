package dev.bulwark.core;

/**
 * The outcome of {@link Firewall#scanAndAppend}: the verdict, and the trace to keep. Only allowed messages enter the
 * trace, so a blocked or held message never becomes context for later checks.
 */
public record AppendResult(FirewallResult result, Trace trace) {}
