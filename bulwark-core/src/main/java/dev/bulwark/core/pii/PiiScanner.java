package dev.bulwark.core.pii;

import dev.bulwark.core.Cost;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Message;
import dev.bulwark.core.RuleVerdict;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.ScannerSettings;
import dev.bulwark.core.TextRuleScanner;
import dev.bulwark.core.Trace;
import dev.bulwark.text.LineIndex;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Personal data in a message: e-mail addresses, phone numbers, payment cards (Luhn), IBANs (mod-97), US SSNs and IP
 * addresses, each with its own decision. Findings name the type and the span but never the value; use
 * {@link PiiRedactor} to mask the text.
 */
public final class PiiScanner extends TextRuleScanner {
  public static final String NAME = "pii";
  private static final int MAX_FINDINGS = 50;

  private final PiiDetector detector;
  private final Map<PiiType, Decision> decisions;

  public PiiScanner(String name, Set<PiiType> types, Map<PiiType, Decision> decisions, Decision defaultDecision) {
    super(name, PiiSpec.SPEC);
    this.detector = new PiiDetector(types);
    this.decisions = new EnumMap<>(PiiType.class);
    for (PiiType t : PiiType.values()) {
      this.decisions.put(t, decisions.getOrDefault(t, defaultDecision));
    }
  }

  public static PiiScanner withDefaults() {
    return new PiiScannerProvider().create(ScannerSettings.empty(NAME));
  }

  @Override
  public ScanResult scan(String text) {
    List<PiiMatch> matches = detector.find(text);
    if (matches.isEmpty()) {
      return ScanResult.allow(name(), "no personal data found");
    }
    Decision decision = Decision.ALLOW;
    List<Finding> findings = new ArrayList<>();
    EnumMap<PiiType, Integer> counts = new EnumMap<>(PiiType.class);
    LineIndex lines = LineIndex.of(text);
    for (PiiMatch m : matches) {
      Decision d = decisions.get(m.type());
      if (d.isStricterThan(decision)) {
        decision = d;
      }
      counts.merge(m.type(), 1, Integer::sum);
      if (findings.size() < MAX_FINDINGS) {
        findings.add(Finding.at(m.type().ruleId(), "pii", lines, m.start(), m.end(), RuleVerdict.severity(d),
            m.type().id().replace('-', ' ') + " (" + (m.end() - m.start()) + " characters)"));
      }
    }
    StringBuilder reason = new StringBuilder("personal data: ");
    counts.forEach((t, n) -> reason.append(n).append(' ').append(t.id()).append(n > 1 ? "s, " : ", "));
    reason.setLength(reason.length() - 2);
    return ScanResult.of(name(), decision, RuleVerdict.score(decision, true), reason.toString(), findings);
  }
}
