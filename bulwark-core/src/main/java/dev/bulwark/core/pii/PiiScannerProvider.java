package dev.bulwark.core.pii;

import dev.bulwark.core.Scanner;
import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerSettings;
import dev.bulwark.core.ScannerSpec;
import java.util.EnumSet;
import java.util.Map;

/** Builds {@code pii} scanners. */
public final class PiiScannerProvider implements ScannerProvider {
  @Override
  public ScannerSpec spec() {
    return PiiSpec.SPEC;
  }

  @Override
  public PiiScanner create(ScannerSettings settings) {
    EnumSet<PiiType> types = EnumSet.allOf(PiiType.class);
    if (settings.has(PiiSpec.TYPES)) {
      types = EnumSet.noneOf(PiiType.class);
      types.addAll(settings.get(PiiSpec.TYPES));
    }
    return new PiiScanner(settings.instanceName(), types, settings.find(PiiSpec.DECISIONS).orElse(Map.of()),
        settings.get(PiiSpec.DECISION));
  }
}
