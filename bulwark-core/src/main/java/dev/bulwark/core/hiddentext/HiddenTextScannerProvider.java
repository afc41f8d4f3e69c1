package dev.bulwark.core.hiddentext;

import dev.bulwark.core.Decision;
import dev.bulwark.core.Parameter;
import dev.bulwark.core.Role;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerSettings;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds {@code hidden-text} scanners; every kind's decision is a setting named after it. */
public final class HiddenTextScannerProvider implements ScannerProvider {
  @Override
  public String name() {
    return HiddenTextScanner.NAME;
  }

  @Override
  public String description() {
    return "Invisible and deceptive Unicode: tag-character smuggling (decoded), zero-width, bidi (Trojan Source), "
        + "variation-selector payloads, control characters, look-alike words.";
  }

  @Override
  public List<Parameter> parameters() {
    List<Parameter> params = new ArrayList<>();
    for (HiddenTextKind k : HiddenTextKind.values()) {
      params.add(new Parameter(k.id(), "decision", k.defaultDecision().id(), "decision for " + k.description()));
    }
    return params;
  }

  @Override
  public Set<Role> roles() {
    return EnumSet.allOf(Role.class);
  }

  @Override
  public Scanner create(ScannerSettings settings) {
    Map<HiddenTextKind, Decision> decisions = new EnumMap<>(HiddenTextKind.class);
    for (HiddenTextKind k : HiddenTextKind.values()) {
      decisions.put(k, settings.getDecision(k.id(), k.defaultDecision()));
    }
    return new HiddenTextScanner(settings.instanceName(), decisions);
  }
}
