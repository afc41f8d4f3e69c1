package dev.bulwark.promptguard;

import dev.bulwark.core.Cost;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Excerpt;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.Severity;
import dev.bulwark.core.StreamMode;
import dev.bulwark.core.Trace;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code prompt-guard} scanner: scores a message for prompt injection and jailbreak with a
 * {@link PromptAttackModel} and decides against a threshold (one per language when configured). The score is kept on
 * allow too, so callers can rank; a finding carries the char span of the highest-scoring window or piece.
 */
public final class PromptGuardScanner implements Scanner {
  public static final String NAME = "prompt-guard";
  /** Message attribute that names the text's language (ISO 639-1) and skips the guess. */
  public static final String LANGUAGE = "lang";
  /**
   * Characters before each run of completed sentences that a streamed answer's check sees: the sentence or two before
   * it, so an instruction split across a sentence break is still read together, while a judged piece stays well
   * inside one 512-token window of the model (each character is read about four times in a stream of short
   * sentences, against once per prefix when rescanning).
   */
  public static final int STREAM_CONTEXT_CHARS = 256;

  private final String name;
  private final PromptAttackModel model;
  private final double threshold;
  private final Map<String, Double> languageThresholds;
  private final Decision decision;
  private final Cost cost;

  public PromptGuardScanner(String name, PromptAttackModel model, double threshold, Map<String, Double> languageThresholds,
      Decision decision, Cost cost) {
    this.name = name;
    this.model = model;
    this.threshold = threshold;
    this.languageThresholds = Map.copyOf(languageThresholds);
    this.decision = decision;
    this.cost = cost;
  }

  /** The embedded default with its shipped threshold. */
  public static PromptGuardScanner embedded() {
    return (PromptGuardScanner) new PromptGuardProvider().create(dev.bulwark.core.ScannerSettings.empty(NAME));
  }

  public PromptAttackModel model() {
    return model;
  }

  public double threshold() {
    return threshold;
  }

  /** The threshold that applies to {@code text}: its language's if calibrated, else the general one. */
  public double thresholdFor(Message message) {
    if (languageThresholds.isEmpty()) {
      return threshold;
    }
    String lang = message.attribute(LANGUAGE);
    if (lang == null || lang.isEmpty()) {
      lang = LanguageGuess.of(message.content());
    }
    return languageThresholds.getOrDefault(lang, threshold);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<Role> roles() {
    return EnumSet.of(Role.USER, Role.SYSTEM, Role.TOOL, Role.MEMORY);
  }

  @Override
  public Cost cost() {
    return cost;
  }

  /** Each run of completed sentences with {@link #STREAM_CONTEXT_CHARS} before it; release waits for it. */
  @Override
  public StreamMode streamMode() {
    return StreamMode.sentences(STREAM_CONTEXT_CHARS);
  }

  @Override
  public ScanResult scan(Message message, Trace context) {
    String text = message.content();
    Verdict v = model.score(text);
    double t = thresholdFor(message);
    String score = String.format("%.3f", v.score());
    if (v.score() < t) {
      return ScanResult.allow(name, v.score(), "no prompt attack detected (score " + score + " < " + fmt(t) + ")");
    }
    String excerpt = Excerpt.of(text, v.start(), v.end(), 60);
    String message1 = "likely prompt injection or jailbreak (score " + score + " >= " + fmt(t) + ") in chars " + v.start() + ".." + v.end()
        + ": \"" + excerpt + "\"";
    Finding f = Finding.at("prompt-guard.attack", "injection", text, v.start(), v.end(), Severity.ERROR, message1);
    return ScanResult.of(name, decision, v.score(), message1, List.of(f));
  }

  private static String fmt(double t) {
    return String.format("%.3f", t);
  }

  @Override
  public void close() {
    model.close();
  }
}
