package dev.bulwark.codeshield.rules;

import dev.bulwark.codeshield.text.LineIndex;
import dev.bulwark.codeshield.text.SourceMask;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What every rule run on one block shares, built once per block: the masked views, the line index (the views have the
 * same line breaks), the literal positions of each view, the answers of block-wide conditions, and the compiled forms
 * of conditions with {@code ${name}} filled in.
 */
final class BlockText {
  private final SourceMask mask;
  private final LineIndex lines;
  private final Map<TextView, LiteralIndex> indexes = new EnumMap<>(TextView.class);
  private PairIndex pairs;
  private final Map<String, Boolean> blockWide = new HashMap<>();
  private final Map<String, GatedPattern> resolved = new HashMap<>();

  BlockText(SourceMask mask) {
    this.mask = mask;
    this.lines = new LineIndex(mask.original());
  }

  SourceMask mask() {
    return mask;
  }

  LineIndex lines() {
    return lines;
  }

  String view(TextView v) {
    return switch (v) {
      case RAW -> mask.original();
      case CODE -> mask.code();
      case NO_STRINGS -> mask.codeWithoutStrings();
    };
  }

  LiteralIndex index(TextView v) {
    if (pairs == null) {
      pairs = new PairIndex(mask.original());
    }
    return indexes.computeIfAbsent(v, k -> new LiteralIndex(view(k), pairs));
  }

  /** The cached answer of a block-wide condition ({@code key} names the view and the regex), or null. */
  Boolean blockWide(String key) {
    return blockWide.get(key);
  }

  void blockWide(String key, boolean answer) {
    blockWide.put(key, answer);
  }

  /** The compiled condition for a filled-in regex source, or null when it does not compile. */
  GatedPattern resolved(String source) {
    if (resolved.containsKey(source)) {
      return resolved.get(source);
    }
    GatedPattern g;
    try {
      g = GatedPattern.of(source, Pattern.MULTILINE);
    } catch (PatternSyntaxException e) {
      g = null; // a rule-author mistake must not fail a scan; the rule's example test catches it
    }
    resolved.put(source, g);
    return g;
  }
}
