package dev.bulwark.promptguard.embedded;

import dev.bulwark.classifier.features.TextStatistics;

/**
 * The inputs of the stacking (meta) models: the base models' logits, clipped, plus the surface statistics. The
 * lexical meta model sees the first block only; the full one adds the encoder's logit.
 */
public final class MetaFeatures {
  private static final int LOGITS = 3;

  private MetaFeatures() {}

  public static int lexicalDimension() {
    return LOGITS + TextStatistics.dimension();
  }

  public static int fullDimension() {
    return lexicalDimension() + 1;
  }

  public static float[] lexical(LexicalScorer.Scores s) {
    float[] f = new float[lexicalDimension()];
    f[0] = clip(s.documentLogit());
    f[1] = clip(s.pieceLogit());
    f[2] = clip(Math.max(s.documentLogit(), s.pieceLogit()));
    System.arraycopy(s.statistics(), 0, f, LOGITS, TextStatistics.dimension());
    return f;
  }

  public static float[] full(float[] lexical, double encoderLogit) {
    float[] f = java.util.Arrays.copyOf(lexical, fullDimension());
    f[lexical.length] = clip(encoderLogit);
    return f;
  }

  private static float clip(double logit) {
    return (float) Math.max(-20, Math.min(20, logit));
  }
}
