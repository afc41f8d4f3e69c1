package dev.bulwark.codeshield.syntax;

import org.treesitter.TSNode;
import org.treesitter.TSTree;

/**
 * A parsed block. The parser was given an ASCII projection of the block (same length, see {@link SyntaxParser}), so
 * the tree's byte offsets are char offsets into the block.
 */
public final class SyntaxTree {
  private final TSTree tree;
  private final String text;

  SyntaxTree(TSTree tree, String text) {
    this.tree = tree;
    this.text = text;
  }

  public TSNode root() {
    return tree.getRootNode();
  }

  /** The projected text the tree was built from (same offsets as the block). */
  public String text() {
    return text;
  }

  /** The source text of {@code node}. */
  public String text(TSNode node) {
    int from = Math.max(0, Math.min(node.getStartByte(), text.length()));
    int to = Math.max(from, Math.min(node.getEndByte(), text.length()));
    return text.substring(from, to);
  }
}
