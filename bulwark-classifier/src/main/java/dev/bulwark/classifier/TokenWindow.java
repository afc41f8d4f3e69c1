package dev.bulwark.classifier;

/**
 * One window of the window stage: content tokens {@code [tokenStart, tokenEnd)} covering chars
 * {@code [charStart, charEnd)} of the tokenised text.
 */
public record TokenWindow(int index, int tokenStart, int tokenEnd, int charStart, int charEnd) {

  public int tokenCount() {
    return tokenEnd - tokenStart;
  }
}
