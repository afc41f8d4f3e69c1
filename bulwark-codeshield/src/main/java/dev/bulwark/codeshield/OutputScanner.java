package dev.bulwark.codeshield;

import dev.bulwark.core.Cost;
import dev.bulwark.core.Role;
import dev.bulwark.core.Scanner;
import java.util.Set;

/**
 * What both Code Shield scanners are: judges of what the assistant or a tool produced (code, commands), each with its
 * name and declared cost.
 */
abstract class OutputScanner implements Scanner {
  private final String name;
  private final Cost cost;

  OutputScanner(String name, Cost cost) {
    this.name = name;
    this.cost = cost;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Set<Role> roles() {
    return Set.of(Role.ASSISTANT, Role.TOOL);
  }

  @Override
  public final Cost cost() {
    return cost;
  }
}
