package dev.bulwark.text;

import java.util.List;

/**
 * Stages run in order, each reading the previous one's view, their offset maps composed so that the final view maps
 * straight back to the original. Immutable and thread-safe when its stages are (the shipped ones are).
 */
public final class TextChain {
  private static final TextChain RULES = new TextChain(List.of(
      new InvisibleStage(), new CompatibilityStage(), new CombiningMarkStage(), new SeparatorStage(),
      new ConfusableStage()));

  private static final TextChain CLASSIFIERS = new TextChain(List.of(
      new InvisibleStage(), new CompatibilityStage(), CombiningMarkStage.decorationsOnly(), new SeparatorStage(),
      ConfusableStage.otherScriptsOnly(), new WhitespaceStage()));

  private final List<TextStage> stages;

  public TextChain(List<TextStage> stages) {
    this.stages = List.copyOf(stages);
  }

  /**
   * The view the rule scanners match on: invisible and control characters dropped (tag characters decoded), NFKC,
   * combining marks stripped, spaced-out letters joined, look-alike letters in mixed-script words folded to ASCII.
   */
  public static TextChain forRules() {
    return RULES;
  }

  /**
   * The view the trained classifiers (Prompt Guard, Llama Guard) read: as {@link #forRules()}, except that letters
   * keep their accents (only decorative marks on Latin, Greek and Cyrillic letters go, and only other scripts' letters
   * fold to their Latin look-alikes: the models read every language as written), and horizontal space is tidied
   * ({@link WhitespaceStage}).
   */
  public static TextChain forClassifiers() {
    return CLASSIFIERS;
  }

  public List<TextStage> stages() {
    return stages;
  }

  public TextView analyse(String original) {
    String text = original;
    OffsetMap map = OffsetMap.identity(original.length());
    for (TextStage stage : stages) {
      if (!stage.mayChange(text)) {
        continue;
      }
      ViewBuilder out = new ViewBuilder(text);
      stage.apply(text, out);
      text = out.text();
      map = map.then(out.map());
    }
    return new TextView(original, text, map);
  }
}
