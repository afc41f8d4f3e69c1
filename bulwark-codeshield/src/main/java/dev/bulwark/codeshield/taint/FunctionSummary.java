package dev.bulwark.codeshield.taint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one function of a block does with data, learnt by running a taint rule over its body with each parameter as a
 * stand-in source: which parameters reach the rule's sink (a wrapper around the sink), and whether what it returns is
 * untrusted (a wrapper around a source) or sanitised (a wrapper around a sanitizer).
 *
 * @param name the function's name
 * @param sinkParameters parameter index → the line of the sink it reaches
 * @param returnedSource the source its return value carries, or null
 * @param returnedLines the lines that source went through up to the return
 * @param returnsClean whether every return that depends on data holds sanitised or checked data
 */
record FunctionSummary(String name, Map<Integer, Integer> sinkParameters, String returnedSource, List<Integer> returnedLines,
    boolean returnsClean) {

  private static final String STAND_IN = "\u0000parameter ";

  /** The origin standing for parameter {@code k} while a function is summarised (never shown: it contains a NUL). */
  static String standIn(int k) {
    return STAND_IN + k;
  }

  private static int standInIndex(String origin) {
    return origin != null && origin.startsWith(STAND_IN) ? Integer.parseInt(origin.substring(STAND_IN.length())) : -1;
  }

  /** Whether calls to the function need judging at all. */
  boolean matters() {
    return !sinkParameters.isEmpty() || returnedSource != null || returnsClean;
  }

  /** Collects the summary while the function's body is analysed. */
  static final class Builder {
    private final String name;
    private final List<FunctionHeaders.Parameter> parameters;
    private final Map<Integer, Integer> sinkParameters = new LinkedHashMap<>();
    private String returnedSource;
    private List<Integer> returnedLines = List.of();
    private int cleanReturns;
    private int otherReturns;

    Builder(String name, List<FunctionHeaders.Parameter> parameters) {
      this.name = name;
      this.parameters = parameters;
    }

    /** Whether {@code params} are this function's (the header being summarised, not a nested function's). */
    boolean isHeader(List<FunctionHeaders.Parameter> params) {
      return params == parameters;
    }

    void sinkReached(TaintFlow flow) {
      int k = standInIndex(flow.origin());
      if (k >= 0) {
        sinkParameters.putIfAbsent(k, flow.lines().get(flow.lines().size() - 1));
      }
    }

    /**
     * One return statement.
     *
     * @param origin the source or stand-in the returned value carries, or null
     * @param sanitized whether a sanitizer or a checked name is in it (and nothing else untracked)
     */
    void returns(String origin, List<Integer> lines, boolean sanitized, int line) {
      if (origin != null && standInIndex(origin) < 0) {
        if (returnedSource == null) {
          returnedSource = origin;
          List<Integer> l = new ArrayList<>(lines);
          if (l.get(l.size() - 1) != line) {
            l.add(line);
          }
          returnedLines = List.copyOf(l);
        }
      } else if (origin == null && sanitized) {
        cleanReturns++;
      } else if (origin != null) {
        otherReturns++;
      }
    }

    FunctionSummary build() {
      return new FunctionSummary(name, Map.copyOf(sinkParameters), returnedSource, returnedLines,
          returnedSource == null && cleanReturns > 0 && otherReturns == 0);
    }
  }
}
