package dev.bulwark.llm.scanners;

import dev.bulwark.core.Scanner;
import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerSettings;
import dev.bulwark.core.ScannerSpec;
import dev.bulwark.llm.AlignmentCheck;
import dev.bulwark.llm.LlmBackend;
import java.util.Optional;

/** Builds {@code alignment-check} scanners from configuration. */
public final class AlignmentCheckScannerProvider implements ScannerProvider {
  static final String NO_BACKEND = "alignment-check needs an LLM backend: add a 'backends:' section and set"
      + " 'backend:' on the scanner (see docs/ALIGNMENT-CHECK.md)";

  @Override
  public ScannerSpec spec() {
    return AlignmentCheckSpec.SPEC;
  }

  @Override
  public Optional<String> unavailableReason(ScannerSettings settings) {
    return BackendSettings.spec(settings).isPresent() ? Optional.empty() : Optional.of(NO_BACKEND);
  }

  @Override
  public Scanner create(ScannerSettings settings) {
    AlignmentCheck.Limits limits = new AlignmentCheck.Limits(settings.get(AlignmentCheckSpec.MAX_GOAL_CHARS),
        settings.get(AlignmentCheckSpec.MAX_ACTION_CHARS), settings.get(AlignmentCheckSpec.MAX_RECORD_CHARS),
        settings.get(AlignmentCheckSpec.MAX_TRACE_CHARS));
    var timeout = BackendSettings.timeout(settings, AlignmentCheckSpec.TIMEOUT);
    LlmBackend backend = BackendSettings.open(settings, NO_BACKEND);
    return new AlignmentCheckScanner(settings.instanceName(), new AlignmentCheck(backend, limits, timeout,
        settings.get(AlignmentCheckSpec.MAX_TOKENS)), backend, settings.get(AlignmentCheckSpec.DECISION));
  }
}
