package dev.bulwark.core;

/**
 * How expensive a scanner is, which decides where the firewall runs it.
 *
 * <p>{@link #CHEAP} scanners (rules over the text, linear time, microseconds) run on the caller's thread: handing them
 * to a pool would cost more than running them. Others run on the firewall's executor under their deadline. In
 * short-circuit mode scanners run cheapest first.
 */
public enum Cost {
  CHEAP,
  MODERATE,
  EXPENSIVE
}
