package dev.bulwark.eval.benchmarks;

import dev.bulwark.eval.Benchmark;

/** The definition of each benchmark. */
public final class Benchmarks {
  private Benchmarks() {}

  public static BenchmarkDefinition of(Benchmark b) {
    return switch (b) {
      case INSTRUCT, AUTOCOMPLETE -> new InstructOrAutocomplete(b);
      case PROMPT_INJECTION -> new PromptInjection();
      case FRR -> new FalseRefusal();
      case INTERPRETER -> new Interpreter();
      case MALWARE_ANALYSIS, THREAT_INTEL -> new MultipleChoice(b);
      case SPEAR_PHISHING -> new SpearPhishing();
    };
  }
}
