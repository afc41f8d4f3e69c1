package dev.bulwark.codeshield;

import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerSettings;
import dev.bulwark.core.ScannerSpec;

/** Builds {@link ShellCommandScanner}s from configuration ({@code shell-command} in the scanner list). */
public final class ShellCommandScannerProvider implements ScannerProvider {

  @Override
  public ScannerSpec spec() {
    return ShellCommandSpec.SPEC;
  }

  @Override
  public ShellCommandScanner create(ScannerSettings s) {
    return new ShellCommandScanner(s.get(ShellCommandSpec.SCAN_PLAIN_TEXT), s.get(ShellCommandSpec.WARN_DECISION));
  }
}
