package dev.bulwark.codeshield;

import dev.bulwark.core.Cost;
import dev.bulwark.core.Decision;
import dev.bulwark.core.FailureMode;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScannerSpec;
import dev.bulwark.core.Setting;
import java.util.List;
import java.util.Set;

/** The {@code shell-command} scanner type. */
final class ShellCommandSpec {
  private ShellCommandSpec() {}

  static final Setting<Boolean> SCAN_PLAIN_TEXT = Setting.bool("scan-plain-text", "also scan unfenced message text when"
      + " every line reads as a command (fenced shell blocks and $-prompt lines are always scanned)").byDefault(true);
  static final Setting<Decision> WARN_DECISION = Setting.decision("warn-decision",
      "decision for risky-but-common commands (chmod 777, writes to ~/.bashrc, reading credential files)")
      .byDefault(Decision.HUMAN_IN_THE_LOOP_REQUIRED);

  /** A linear tokenizer over the message with bounded depth: microseconds, safe to run inline. */
  static final ScannerSpec SPEC = new ScannerSpec(ShellCommandScanner.NAME,
      "Dangerous shell commands in agent tool calls and text: rm -rf /, curl | sh, reverse shells, ~/.ssh writes, ...",
      Set.of(Role.ASSISTANT, Role.TOOL), Cost.CHEAP, FailureMode.OPEN, List.of(SCAN_PLAIN_TEXT, WARN_DECISION));
}
