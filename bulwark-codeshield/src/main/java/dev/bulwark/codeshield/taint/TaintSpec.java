package dev.bulwark.codeshield.taint;

import java.util.regex.Pattern;

/**
 * The data-flow part of a rule (its {@code taint:} section): where untrusted data comes from, what carries it on, what
 * clears it and where it must not arrive. Every pattern runs on the block with string contents blanked, so text inside
 * literals cannot pose as code.
 *
 * @param sources an expression matching this yields untrusted data (request values, argv, environment, network reads)
 * @param parameters whether the parameters of the enclosing function count as untrusted too; a flow from a parameter
 *     is reported one severity lower, and only when the value was built into a string on the way (a parameter handed
 *     on unchanged is the caller's business)
 * @param sinks where the value must not arrive; a match ending in {@code (} is a call, whose arguments are checked
 *     (see {@code argument}); otherwise the rest of the statement after the match is
 * @param argument which argument of a sink call must carry the taint
 * @param sanitizers an expression matching this carries no taint (a match ending in {@code (} clears its whole
 *     argument list: {@code escapeshellarg(x)}, {@code int(x)})
 * @param guards a statement matching this (with {@code ${var}} standing for the variable) clears that variable from
 *     there on: allow-list membership, containment checks, digit checks
 * @param propagators a statement matching this taints its {@code to} group (alternatives may use {@code to2} to {@code to4}) when the rest of the statement carries
 *     taint ({@code sprintf(buf, …, x)}, {@code sb.append(x)})
 */
public record TaintSpec(
    Pattern sources,
    boolean parameters,
    Pattern sinks,
    Argument argument,
    Pattern sanitizers,
    String guards,
    Pattern propagators) {

  /** Which argument of a sink call must carry the taint. */
  public enum Argument {
    FIRST, LAST, ANY;

    public static Argument parse(String s) {
      return switch (s) {
        case "first" -> FIRST;
        case "last" -> LAST;
        case "any" -> ANY;
        default -> throw new IllegalArgumentException("argument must be first, last or any, not '" + s + "'");
      };
    }
  }
}
