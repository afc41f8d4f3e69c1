package dev.bulwark.core.pii;

import dev.bulwark.core.Cost;
import dev.bulwark.core.Decision;
import dev.bulwark.core.FailureMode;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScannerSpec;
import dev.bulwark.core.Setting;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** The {@code pii} scanner type. */
final class PiiSpec {
  private PiiSpec() {}

  static final Setting<List<PiiType>> TYPES = Setting.parsedList("types", "list", PiiType::parse,
      "which of email, phone, payment-card, iban, us-ssn, ip-address to look for").defaultDescribed("all");
  static final Setting<Decision> DECISION = Setting.decision("decision", "decision when personal data is found")
      .byDefault(Decision.BLOCK);
  static final Setting<Map<PiiType, Decision>> DECISIONS = Setting.decisionMap("decisions", "map type -> decision",
      PiiType::parse, "per-type decisions, e.g. {ip-address: allow}");

  static final ScannerSpec SPEC = new ScannerSpec(PiiScanner.NAME,
      "Personal data: e-mail, phone, payment cards (Luhn), IBAN (mod-97), US SSN, IP addresses; redaction API.",
      EnumSet.of(Role.USER, Role.ASSISTANT, Role.TOOL, Role.MEMORY), Cost.CHEAP, FailureMode.OPEN,
      List.of(TYPES, DECISION, DECISIONS));
}
