package dev.bulwark.core.regex;

import com.google.re2j.Matcher;
import dev.bulwark.core.Cost;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Excerpt;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.RuleVerdict;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.Trace;
import dev.bulwark.core.text.LiteralSet;
import dev.bulwark.core.text.NormalizedText;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Named patterns over the message text: classic injection phrasings and secrets by default, plus the user's own.
 * Runs on a normalised view of the text (invisible characters dropped, look-alike letters folded) so that
 * "іgn\u200Bore previous instructions" still matches; spans point into the original text. Unlike LlamaFirewall's,
 * every rule is checked (not only the first to match) and each reports where it matched.
 */
public final class RegexScanner implements Scanner {
  public static final String NAME = "regex";

  private final String name;
  private final List<RegexRule> rules;
  private final LiteralSet anchors;
  private final boolean[] unanchored;
  private final boolean normalize;
  private final int maxFindingsPerRule;

  public RegexScanner(List<RegexRule> rules, boolean normalize, int maxFindingsPerRule) {
    this(NAME, rules, normalize, maxFindingsPerRule);
  }

  public RegexScanner(String name, List<RegexRule> rules, boolean normalize, int maxFindingsPerRule) {
    this.name = name;
    this.rules = List.copyOf(rules);
    this.normalize = normalize;
    this.maxFindingsPerRule = maxFindingsPerRule;
    List<List<String>> literals = new ArrayList<>();
    this.unanchored = new boolean[rules.size()];
    for (int i = 0; i < rules.size(); i++) {
      literals.add(rules.get(i).anchors());
      unanchored[i] = rules.get(i).anchors().isEmpty();
    }
    this.anchors = LiteralSet.compile(literals);
  }

  /** The shipped defaults. */
  public static RegexScanner withDefaults() {
    return new RegexScanner(RegexRules.defaults(), true, 10);
  }

  public List<RegexRule> rules() {
    return rules;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<Role> roles() {
    return EnumSet.allOf(Role.class);
  }

  @Override
  public Cost cost() {
    return Cost.CHEAP;
  }

  @Override
  public ScanResult scan(Message message, Trace context) {
    return scan(message.content());
  }

  public ScanResult scan(String content) {
    NormalizedText view = normalize ? NormalizedText.of(content) : null;
    String text = view == null ? content : view.text();
    BitSet candidates = anchors.matches(text);
    List<Finding> findings = new ArrayList<>();
    Decision decision = Decision.ALLOW;
    for (int i = 0; i < rules.size(); i++) {
      if (!unanchored[i] && !candidates.get(i)) {
        continue;
      }
      RegexRule rule = rules.get(i);
      Matcher m = rule.pattern().matcher(text);
      int count = 0;
      while (count < maxFindingsPerRule && m.find()) {
        if (m.end() == m.start()) {
          continue; // an empty match says nothing
        }
        if (rule.cancelledAt(text, m.start())) {
          continue;
        }
        int start = view == null ? m.start() : view.originalOffset(m.start());
        int end = view == null ? m.end() : view.originalEnd(m.end());
        findings.add(Finding.at(rule.id(), rule.category(), content, start, end, RuleVerdict.severity(rule.decision()),
            rule.message() + " ('" + Excerpt.of(content, start, end, 40) + "')"));
        if (rule.decision().isStricterThan(decision)) {
          decision = rule.decision();
        }
        count++;
      }
    }
    if (findings.isEmpty()) {
      return ScanResult.allow(name, "no pattern matched");
    }
    Decision d = decision;
    List<Finding> deciding = findings.stream()
        .filter(f -> RuleVerdict.severity(d) == f.severity()).toList();
    return ScanResult.of(name, decision, RuleVerdict.score(decision, true),
        "matched " + deciding.get(0).rule() + ": " + RuleVerdict.reason("", deciding), findings);
  }
}
