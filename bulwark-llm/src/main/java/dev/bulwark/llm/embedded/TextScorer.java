package dev.bulwark.llm.embedded;

import dev.bulwark.llm.SafetyHead;
import dev.bulwark.classifier.features.SparseVector;
import dev.bulwark.classifier.features.TextStatistics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The prompt model of a {@link SafetyHead} over one (normalised) text: n-gram stage, encoder stage, stack, categories.
 *
 * <p>Texts longer than {@link #CHUNK_CHARS} (most training prompts are shorter; a longer window would dilute one harmful paragraph in benign text) are cut into overlapping chunks.
 * Every chunk gets the cheap n-gram score; the {@code maxEncoded} chunks with the highest n-gram scores also go
 * through the encoder and the stack, and the text's score is the highest of theirs. A 1 MB text thus costs one
 * n-gram pass over all of it plus a bounded number of encoder runs.
 */
public final class TextScorer {
  /** Chunk length in characters, and the overlap between chunks. */
  static final int CHUNK_CHARS = 1_500;

  static final int CHUNK_OVERLAP = 300;

  /** What the prompt model says about one text (offsets in the text given). */
  public record Scores(double lexicalLogit, double encoderLogit, double probability, double[] categories, int start, int end,
      int chunks, int chunksEncoded) {

    public double logit() {
      return MetaFeatures.logit(probability);
    }
  }

  /** One chunk's n-gram features. */
  record Lexical(int start, int end, String text, SparseVector tfidf, float[] statistics, double logit) {}

  private final SafetyHead head;
  private final PromptEncoder encoder;

  /** {@code encoder} is the head's encoder stage, or null for a head trained without one. */
  public TextScorer(SafetyHead head, PromptEncoder encoder) {
    this.head = head;
    this.encoder = encoder;
  }

  boolean usesEncoder() {
    return encoder != null;
  }

  Lexical lexical(String text, int start, int end) {
    String t = text.substring(start, end);
    SparseVector v = head.ngrams().vector(t);
    float[] stats = TextStatistics.of(t);
    return new Lexical(start, end, t, v, stats, head.lexical().logit(0, v, stats));
  }

  /** Chunk boundaries of a text: {@code [start, end)} pairs. */
  static List<int[]> chunks(int length) {
    List<int[]> out = new ArrayList<>();
    if (length <= CHUNK_CHARS) {
      out.add(new int[] {0, length});
      return out;
    }
    for (int s = 0; ; s += CHUNK_CHARS - CHUNK_OVERLAP) {
      int e = Math.min(length, s + CHUNK_CHARS);
      out.add(new int[] {Math.max(0, e - CHUNK_CHARS), e});
      if (e == length) {
        return out;
      }
    }
  }

  public Scores score(String text, int maxEncoded) {
    List<Lexical> chunks = new ArrayList<>();
    for (int[] c : chunks(text.length())) {
      chunks.add(lexical(text, c[0], c[1]));
    }
    List<Lexical> ranked = new ArrayList<>(chunks);
    ranked.sort(Comparator.comparingDouble(Lexical::logit).reversed());
    Scores best = null;
    int encoded = Math.min(Math.max(1, maxEncoded), ranked.size());
    for (int i = 0; i < encoded; i++) {
      Scores s = scoreChunk(ranked.get(i), chunks.size(), encoded);
      if (best == null || s.probability() > best.probability()) {
        best = s;
      }
    }
    return best;
  }

  private Scores scoreChunk(Lexical lx, int chunks, int encoded) {
    double enc = 0;
    float[] dense = new float[0];
    if (encoder != null) {
      PromptEncoder.Encoded e = encoder.encode(lx.text());
      enc = e.logit();
      dense = MetaFeatures.unit(e.embedding());
    }
    double p = head.promptStack().probability(0, null, MetaFeatures.prompt(lx.logit(), enc, encoder != null));
    double[] cats = head.categories().probabilities(lx.tfidf(), dense);
    return new Scores(lx.logit(), enc, p, cats, lx.start(), lx.end(), chunks, encoded);
  }

  /** The refusal detector's logit for a reply (its first chunk: refusals come first). */
  public double refusalLogit(String reply) {
    return replyLogits(reply)[0];
  }

  /**
   * The reply models' logits over a reply's first chunk: {@code [refusal, harm]}. Harm is the reply read as a reply
   * (compliance, harmful content in answer form), which the prompt model, trained on requests, reads poorly; heads
   * without that output give 0.
   */
  public double[] replyLogits(String reply) {
    Lexical first = lexical(reply, 0, Math.min(reply.length(), CHUNK_CHARS));
    double refusal = head.refusal().logit(0, first.tfidf(), first.statistics());
    double harm = head.refusal().outputs() > 1 ? head.refusal().logit(1, first.tfidf(), first.statistics()) : 0;
    return new double[] {refusal, harm};
  }
}
