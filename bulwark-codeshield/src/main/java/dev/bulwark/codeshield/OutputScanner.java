package dev.bulwark.codeshield;

import dev.bulwark.core.Cost;
import dev.bulwark.core.FailureMode;
import dev.bulwark.core.Role;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.ScannerSpec;
import java.util.Set;

/**
 * What both Code Shield scanners are: judges of what the assistant or a tool produced (code, commands), with the
 * name, roles, declared cost and failure mode of their {@link ScannerSpec}.
 */
abstract class OutputScanner implements Scanner {
  private final ScannerSpec spec;

  OutputScanner(ScannerSpec spec) {
    this.spec = spec;
  }

  @Override
  public final String name() {
    return spec.name();
  }

  @Override
  public final Set<Role> roles() {
    return spec.roles();
  }

  @Override
  public final Cost cost() {
    return spec.cost();
  }

  @Override
  public final FailureMode defaultFailureMode() {
    return spec.failureMode();
  }
}
