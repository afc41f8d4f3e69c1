package dev.bulwark.llm.embedded;

import dev.bulwark.classifier.Softmax;

/**
 * The inputs of the two stacking models: base-model logits (and products that let a linear model express "the
 * request is harmful AND the reply does not refuse").
 */
public final class MetaFeatures {
  /** Logits are clamped so one extreme base score cannot dominate the stack. */
  private static final double CLAMP = 15;

  private MetaFeatures() {}

  /** Prompt stack: the n-gram logit and, when the encoder runs, the MiniLM logit. */
  public static float[] prompt(double lexicalLogit, double encoderLogit, boolean encoder) {
    return encoder
        ? new float[] {clamp(lexicalLogit), clamp(encoderLogit)}
        : new float[] {clamp(lexicalLogit)};
  }

  public static int promptDimension(boolean encoder) {
    return encoder ? 2 : 1;
  }

  /**
   * Reply stack, for an assistant turn judged after its request.
   *
   * @param requestLogit the prompt model's logit for the user's request
   * @param replyLogit the prompt model's logit for the reply read on its own
   * @param refusalLogit the refusal detector's logit for the reply
   * @param harmLogit the reply-harm model's logit for the reply
   */
  public static float[] reply(double requestLogit, double replyLogit, double refusalLogit, double harmLogit) {
    double q = Softmax.sigmoid(clamp(requestLogit));
    double r = Softmax.sigmoid(clamp(replyLogit));
    double h = Softmax.sigmoid(clamp(harmLogit));
    double comply = Softmax.sigmoid(-clamp(refusalLogit));
    return new float[] {clamp(requestLogit), clamp(replyLogit), clamp(refusalLogit), clamp(harmLogit), (float) (q * comply),
        (float) (r * comply), (float) (q * r), (float) (h * comply), (float) (q * h)};
  }

  public static int replyDimension() {
    return 9;
  }

  /** The embedding scaled to unit length: the dense block of the category model. */
  public static float[] unit(float[] embedding) {
    double n = 0;
    for (float v : embedding) {
      n += (double) v * v;
    }
    float[] out = new float[embedding.length];
    if (n == 0) {
      return out;
    }
    float inv = (float) (1 / Math.sqrt(n));
    for (int i = 0; i < out.length; i++) {
      out[i] = embedding[i] * inv;
    }
    return out;
  }

  public static float clamp(double logit) {
    return (float) Math.max(-CLAMP, Math.min(CLAMP, logit));
  }

  /** The logit of a probability, finite. */
  public static double logit(double p) {
    double q = Math.max(1e-7, Math.min(1 - 1e-7, p));
    return Math.log(q / (1 - q));
  }
}
