package dev.bulwark.codeshield;

import dev.bulwark.core.Decision;
import dev.bulwark.core.Parameter;
import dev.bulwark.core.Role;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerSettings;
import java.util.List;
import java.util.Set;

/** Builds {@link ShellCommandScanner}s from configuration ({@code shell-command} in the scanner list). */
public final class ShellCommandScannerProvider implements ScannerProvider {

  @Override
  public String name() {
    return ShellCommandScanner.NAME;
  }

  @Override
  public String description() {
    return "Dangerous shell commands in agent tool calls and text: rm -rf /, curl | sh, reverse shells, ~/.ssh writes, ...";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        new Parameter("scan-plain-text", "boolean", "true",
            "also scan unfenced message text when every line reads as a command (fenced shell blocks and $-prompt lines are always scanned)"),
        new Parameter("warn-decision", "human_in_the_loop_required|allow|block", "human_in_the_loop_required",
            "decision for risky-but-common commands (chmod 777, writes to ~/.bashrc, reading credential files)"));
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.ASSISTANT, Role.TOOL);
  }

  @Override
  public Scanner create(ScannerSettings s) {
    return new ShellCommandScanner(s.getBoolean("scan-plain-text", true),
        s.getDecision("warn-decision", Decision.HUMAN_IN_THE_LOOP_REQUIRED));
  }
}
