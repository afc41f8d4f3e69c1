package dev.bulwark.codeshield.rules;

import dev.bulwark.codeshield.Language;
import dev.bulwark.codeshield.taint.TaintBlock;
import dev.bulwark.text.LineIndex;
import dev.bulwark.codeshield.text.SourceMask;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What every rule run on one block shares, built once per block: the masked views, the line index (the views have the
 * same line breaks), the literal positions of each view, and the answers of block-wide conditions.
 */
final class BlockText {
  private final SourceMask mask;
  private final LineIndex lines;
  private final Map<TextView, LiteralIndex> indexes = new EnumMap<>(TextView.class);
  private PairIndex pairs;
  private final Map<String, Boolean> blockWide = new HashMap<>();
  private final Function<String, GatedPattern> compiler;
  private TaintBlock taint;

  /** @param compiler compiles a filled-in condition (null when it does not compile), cached by the engine */
  BlockText(SourceMask mask, Function<String, GatedPattern> compiler) {
    this.mask = mask;
    this.compiler = compiler;
    this.lines = LineIndex.of(mask.original());
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

  /** What the taint rules of this block share (statements, function headers, aliases), built on first use. */
  TaintBlock taint(Language language) {
    if (taint == null) {
      taint = new TaintBlock(language, mask.code(), mask.codeWithoutStrings(), lines);
    }
    return taint;
  }

  /** The compiled condition for a filled-in regex source, or null when it does not compile. */
  GatedPattern resolved(String source) {
    return compiler.apply(source);
  }
}
