package dev.bulwark.classifier;

/**
 * The output of the tokenise stage: content token ids (no special tokens) with the char span of each token in the
 * tokenised text.
 */
public record Tokens(long[] ids, int[] charStart, int[] charEnd) {

  public int size() {
    return ids.length;
  }

  public boolean isEmpty() {
    return ids.length == 0;
  }
}
