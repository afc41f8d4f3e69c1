package dev.bulwark.eval.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON mapper the benchmarks build records and stats with, and how stats round their numbers. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** Six decimals: plenty for rates and means, and stats files stay readable. */
  static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
