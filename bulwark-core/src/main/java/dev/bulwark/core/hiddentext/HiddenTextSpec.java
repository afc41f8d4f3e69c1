package dev.bulwark.core.hiddentext;

import dev.bulwark.core.Cost;
import dev.bulwark.core.FailureMode;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScannerSpec;
import dev.bulwark.core.Setting;
import dev.bulwark.core.Decision;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** The {@code hidden-text} scanner type: one decision setting per {@link HiddenTextKind}, named after it. */
final class HiddenTextSpec {
  private HiddenTextSpec() {}

  /** Each kind's decision setting; the kind carries its id, description and default. */
  static final Map<HiddenTextKind, Setting<Decision>> DECISIONS = decisions();

  static final ScannerSpec SPEC = new ScannerSpec(HiddenTextScanner.NAME,
      "Invisible and deceptive Unicode: tag-character smuggling (decoded), zero-width, bidi (Trojan Source), "
          + "variation-selector payloads, control characters, look-alike words.",
      EnumSet.allOf(Role.class), Cost.CHEAP, FailureMode.OPEN, new ArrayList<>(DECISIONS.values()));

  private static Map<HiddenTextKind, Setting<Decision>> decisions() {
    Map<HiddenTextKind, Setting<Decision>> out = new EnumMap<>(HiddenTextKind.class);
    for (HiddenTextKind k : HiddenTextKind.values()) {
      out.put(k, Setting.decision(k.id(), "decision for " + k.description()).byDefault(k.defaultDecision()));
    }
    return out;
  }
}
