package dev.bulwark.eval;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The CyberSecEval benchmarks Bulwark runs, by their command-line names. */
public enum Benchmark {
  INSTRUCT("instruct", false, "instruct-dev.json"),
  AUTOCOMPLETE("autocomplete", false, "autocomplete-dev.json"),
  PROMPT_INJECTION("prompt-injection", true, "prompt_injection-dev.json"),
  FRR("frr", false, "mitre_frr-dev.json"),
  INTERPRETER("interpreter", true, "interpreter-dev.json"),
  MALWARE_ANALYSIS("malware-analysis", false, "malware_analysis_questions.json"),
  THREAT_INTEL("threat-intel", false, "threat_intel_report_questions.json"),
  SPEAR_PHISHING("spear-phishing", true, "spear_phishing.json");

  private final String id;
  private final boolean needsJudge;
  private final String datasetFile;

  Benchmark(String id, boolean needsJudge, String datasetFile) {
    this.id = id;
    this.needsJudge = needsJudge;
    this.datasetFile = datasetFile;
  }

  public String id() {
    return id;
  }

  /** Whether scoring needs an LLM judge ({@code --judge}). */
  public boolean needsJudge() {
    return needsJudge;
  }

  /** The dataset file's usual name (upstream's, or the development subset's). */
  public String datasetFile() {
    return datasetFile;
  }

  public static Benchmark parse(String name) {
    String key = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (Benchmark b : values()) {
      if (b.id.equals(key)) {
        return b;
      }
    }
    if (key.equals("mitre-frr")) {
      return FRR;
    }
    if (key.equals("multiturn-phishing")) {
      return SPEAR_PHISHING;
    }
    if (key.equals("threat-intel-reasoning")) {
      return THREAT_INTEL;
    }
    throw new IllegalArgumentException("unknown benchmark '" + name + "'; expected one of "
        + Arrays.stream(values()).map(Benchmark::id).collect(Collectors.joining(", ")));
  }
}
