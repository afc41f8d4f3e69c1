package dev.bulwark.core.hiddentext;

import dev.bulwark.core.Decision;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerSettings;
import dev.bulwark.core.ScannerSpec;
import java.util.EnumMap;
import java.util.Map;

/** Builds {@code hidden-text} scanners; every kind's decision is a setting named after it. */
public final class HiddenTextScannerProvider implements ScannerProvider {
  @Override
  public ScannerSpec spec() {
    return HiddenTextSpec.SPEC;
  }

  @Override
  public Scanner create(ScannerSettings settings) {
    Map<HiddenTextKind, Decision> decisions = new EnumMap<>(HiddenTextKind.class);
    HiddenTextSpec.DECISIONS.forEach((kind, setting) -> decisions.put(kind, settings.get(setting)));
    return new HiddenTextScanner(settings.instanceName(), decisions);
  }
}
