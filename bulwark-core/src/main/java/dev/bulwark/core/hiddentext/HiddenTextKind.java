package dev.bulwark.core.hiddentext;

import dev.bulwark.core.Decision;

/** The kinds of hidden or deceptive text the scanner reports, each with its rule id and default decision. */
public enum HiddenTextKind {
  /** Unicode tag characters that decode to ASCII: the classic way to smuggle instructions past a human reader. */
  TAG_CHARACTERS("tag-characters", Decision.BLOCK, "hidden text in Unicode tag characters"),
  /** Zero-width or variation-selector sequences that decode to readable text. */
  SMUGGLED_TEXT("smuggled-text", Decision.BLOCK, "text encoded in invisible characters"),
  ZERO_WIDTH("zero-width", Decision.HUMAN_IN_THE_LOOP_REQUIRED, "zero-width characters inside text"),
  VARIATION_SELECTORS("variation-selectors", Decision.HUMAN_IN_THE_LOOP_REQUIRED, "a run of variation selectors"),
  /** Trojan Source: embedding, override and isolate controls that reorder what a reader sees. */
  BIDI_CONTROLS("bidi-controls", Decision.HUMAN_IN_THE_LOOP_REQUIRED, "bidirectional control characters"),
  CONTROL_CHARACTERS("control-characters", Decision.HUMAN_IN_THE_LOOP_REQUIRED, "control characters"),
  INVALID_UNICODE("invalid-unicode", Decision.HUMAN_IN_THE_LOOP_REQUIRED, "unpaired UTF-16 surrogates"),
  /** Words mixing Latin with look-alike letters of another script ("pаypal", "instrucтions"), per Unicode's confusables. */
  MIXED_SCRIPT("mixed-script", Decision.ALLOW, "a word mixing Latin and look-alike letters");

  private final String id;
  private final Decision defaultDecision;
  private final String description;

  HiddenTextKind(String id, Decision defaultDecision, String description) {
    this.id = id;
    this.defaultDecision = defaultDecision;
    this.description = description;
  }

  /** The setting name and the rule id suffix ({@code hidden-text.<id>}). */
  public String id() {
    return id;
  }

  public String ruleId() {
    return "hidden-text." + id;
  }

  public Decision defaultDecision() {
    return defaultDecision;
  }

  public String description() {
    return description;
  }
}
