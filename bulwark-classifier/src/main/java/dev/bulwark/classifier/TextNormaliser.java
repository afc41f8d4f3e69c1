package dev.bulwark.classifier;

import dev.bulwark.text.CombiningMarkStage;
import dev.bulwark.text.CompatibilityStage;
import dev.bulwark.text.ConfusableStage;
import dev.bulwark.text.InvisibleStage;
import dev.bulwark.text.OffsetMap;
import dev.bulwark.text.SeparatorStage;
import dev.bulwark.text.TextChain;
import dev.bulwark.text.TextStage;
import dev.bulwark.text.TextView;
import dev.bulwark.text.WhitespaceStage;
import java.util.ArrayList;
import java.util.List;

/**
 * The normalise stage of the trained classifiers: the project's one text chain ({@code bulwark-text}) in its
 * classifier form, {@link TextChain#forClassifiers()}, which undoes the cheap tricks that split or disguise words so
 * a tokenizer or n-gram model sees the words an attacker meant, and keeps a map back to the original offsets:
 *
 * <ul>
 *   <li>invisible characters are removed; Unicode tag characters become the ASCII they spell;
 *   <li>NFKC folds compatibility forms (full-width, mathematical and circled letters);
 *   <li>decorative combining marks on Latin, Greek or Cyrillic letters ("Zalgo") are dropped; accented letters and
 *       the marks of other scripts stay;
 *   <li>spaced-out letters ({@code I g n o r e}, {@code i.g.n.o.r.e}) are joined;
 *   <li>look-alike letters in words that mix scripts, or in look-alike words among Latin ones, become the ASCII they
 *       imitate ({@code іgnоrе} reads {@code ignore}); genuine Cyrillic or Greek text is left alone;
 *   <li>horizontal space is tidied: runs become one space, none at the start or end of a line.
 * </ul>
 *
 * The rule scanners read the same chain in its rule form; the two differ only where the models need the text as
 * written (accents) or tidy (spacing). Meta's Prompt Guard utilities handle only the spacing trick; this stage is
 * independent of any tokenizer, so the same normalised text feeds both the n-gram features and the encoder.
 */
public final class TextNormaliser {

  /** Which steps run; {@link #ALL} is what the scanners use, {@link #NONE} is for measuring what they buy. */
  public record Steps(boolean invisibles, boolean compatibility, boolean lookalikes, boolean spacedLetters) {}

  public static final Steps ALL = new Steps(true, true, true, true);
  public static final Steps NONE = new Steps(false, false, false, false);

  private final Steps steps;
  private final TextChain chain;

  public TextNormaliser() {
    this(ALL);
  }

  public TextNormaliser(Steps steps) {
    this.steps = steps;
    this.chain = steps.equals(ALL) ? TextChain.forClassifiers() : chain(steps);
  }

  private static TextChain chain(Steps steps) {
    List<TextStage> stages = new ArrayList<>();
    if (steps.invisibles()) {
      stages.add(new InvisibleStage());
    }
    if (steps.compatibility()) {
      stages.add(new CompatibilityStage());
      stages.add(CombiningMarkStage.decorationsOnly());
    }
    if (steps.spacedLetters()) {
      stages.add(new SeparatorStage());
    }
    if (steps.lookalikes()) {
      stages.add(ConfusableStage.otherScriptsOnly());
    }
    if (!stages.isEmpty()) {
      stages.add(new WhitespaceStage());
    }
    return new TextChain(stages);
  }

  public Steps steps() {
    return steps;
  }

  public NormalisedText normalise(String original) {
    if (original.isEmpty() || steps.equals(NONE)) {
      return NormalisedText.identity(original);
    }
    TextView view = chain.analyse(original);
    if (!view.changed()) {
      return NormalisedText.identity(original);
    }
    OffsetMap map = view.map();
    int n = view.text().length();
    int[] toOriginal = new int[n + 1];
    for (int i = 0; i <= n; i++) {
      toOriginal[i] = map.originalStart(i);
    }
    return new NormalisedText(original, view.text(), toOriginal);
  }
}
