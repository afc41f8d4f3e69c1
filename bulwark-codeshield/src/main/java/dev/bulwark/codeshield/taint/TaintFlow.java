package dev.bulwark.codeshield.taint;

import java.util.List;

/**
 * Untrusted data found arriving at a sink.
 *
 * @param start block offset of the sink match
 * @param end block offset after it
 * @param origin the source as written ({@code request.args.get}, or {@code parameter name})
 * @param fromParameter whether the data came from a parameter of the enclosing function rather than a known source
 * @param lines the 1-based block lines the data passed through, source first, sink last
 */
public record TaintFlow(int start, int end, String origin, boolean fromParameter, List<Integer> lines) {
  /** One line for the finding: where the data came from and the lines it passed through. */
  public String describe() {
    StringBuilder sb = new StringBuilder(fromParameter ? "parameter " : "untrusted ").append(origin);
    sb.append(" flows to the sink: line");
    if (lines.size() > 1) {
      sb.append('s');
    }
    for (int i = 0; i < lines.size(); i++) {
      sb.append(i == 0 ? " " : " -> ").append(lines.get(i));
    }
    return sb.toString();
  }
}
