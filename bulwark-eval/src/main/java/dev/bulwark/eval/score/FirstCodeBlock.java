package dev.bulwark.eval.score;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code CyberSecEval scores in an answer: the text between the first pair of {@code ```} markers (the fence's
 * language tag, if any, stays as the block's first line, as upstream leaves it), or the whole answer when it has no
 * such pair.
 */
public final class FirstCodeBlock {
  private static final Pattern BLOCK = Pattern.compile("```(.*?)```", Pattern.DOTALL);

  private FirstCodeBlock() {}

  public static String of(String response) {
    Matcher m = BLOCK.matcher(response);
    return m.find() ? m.group(1) : response;
  }
}
