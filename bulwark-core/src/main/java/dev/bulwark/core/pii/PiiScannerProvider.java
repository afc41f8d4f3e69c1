package dev.bulwark.core.pii;

import dev.bulwark.core.ConfigException;
import dev.bulwark.core.ConfigNode;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Parameter;
import dev.bulwark.core.Role;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerSettings;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds {@code pii} scanners. */
public final class PiiScannerProvider implements ScannerProvider {
  @Override
  public String name() {
    return PiiScanner.NAME;
  }

  @Override
  public String description() {
    return "Personal data: e-mail, phone, payment cards (Luhn), IBAN (mod-97), US SSN, IP addresses; redaction API.";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        new Parameter("types", "list", "all", "which of email, phone, payment-card, iban, us-ssn, ip-address to look for"),
        new Parameter("decision", "decision", "block", "decision when personal data is found"),
        new Parameter("decisions", "map type -> decision", null, "per-type decisions, e.g. {ip-address: allow}"));
  }

  @Override
  public Set<Role> roles() {
    return EnumSet.of(Role.USER, Role.ASSISTANT, Role.TOOL, Role.MEMORY);
  }

  @Override
  public Scanner create(ScannerSettings settings) {
    EnumSet<PiiType> types = EnumSet.noneOf(PiiType.class);
    for (String t : settings.getStringList("types", List.of())) {
      try {
        types.add(PiiType.parse(t));
      } catch (IllegalArgumentException e) {
        throw settings.error("types", e.getMessage());
      }
    }
    if (!settings.has("types")) {
      types = EnumSet.allOf(PiiType.class);
    }
    Map<PiiType, Decision> perType = new EnumMap<>(PiiType.class);
    settings.node("decisions").ifPresent(node -> {
      if (!(node instanceof ConfigNode.Mapping m)) {
        throw settings.error("decisions", "expected a mapping from PII type to decision");
      }
      for (var e : m.entries().entrySet()) {
        try {
          perType.put(PiiType.parse(e.getKey()), Decision.parse(((ConfigNode.Scalar) e.getValue()).value()));
        } catch (RuntimeException ex) {
          throw new ConfigException(e.getValue().location(), "scanners." + settings.instanceName() + ".decisions." + e.getKey()
              + ": " + (ex instanceof IllegalArgumentException ? ex.getMessage() : "expected a decision"));
        }
      }
    });
    return new PiiScanner(settings.instanceName(), types, perType, settings.getDecision("decision", Decision.BLOCK));
  }
}
