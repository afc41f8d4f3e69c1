package dev.bulwark.promptguard;

import dev.bulwark.promptguard.embedded.EncoderBranch;
import dev.bulwark.promptguard.embedded.EncoderStage;
import dev.bulwark.promptguard.embedded.LexicalScorer;
import dev.bulwark.promptguard.embedded.MetaFeatures;
import dev.bulwark.promptguard.embedded.TunedEncoderStage;
import dev.bulwark.classifier.NormalisedText;
import dev.bulwark.classifier.Segmenter;
import dev.bulwark.classifier.SentenceEncoder;
import dev.bulwark.classifier.TextNormaliser;
import dev.bulwark.classifier.runtime.Threading;
import dev.bulwark.promptguard.PromptAttackModel;
import dev.bulwark.promptguard.Verdict;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded default: no download, no network. normalise → lexical stage (n-grams + statistics over the text and
 * its pieces) → if the lexical score falls in the uncertain band, the encoder stage (MiniLM windows → MLP) → stacking.
 *
 * <p>The cascade keeps scores ranked: texts the lexical stage decides keep its score (below the band or above it);
 * texts in the band get the stacked score clamped into the band, so every decided-benign text still ranks below every
 * uncertain one and every decided-attack text above.
 */
public final class EmbeddedPromptGuard implements PromptAttackModel {
  /**
   * @param preprocess run the normalise stage (look-alikes, spacing, invisibles)
   * @param encoder use the MiniLM stage at all
   * @param cascade run the encoder only inside the uncertain band (false: on every text)
   * @param microBatch batch concurrent callers' encoder windows
   * @param maxWait longest a window waits for batch-mates
   * @param threads ONNX Runtime intra-op threads per inference (0 = its default)
   * @param spinning let idle ONNX Runtime threads busy-wait for work
   * @param workers inferences that may run at once when micro-batching
   */
  public record Options(boolean preprocess, boolean encoder, boolean cascade, boolean microBatch, Duration maxWait, int threads,
      boolean spinning, int workers) {
    public Options {
      if (workers < 1) {
        throw new IllegalArgumentException("workers must be at least 1, got " + workers);
      }
    }

    /** No spinning, two batch workers. */
    public Options(boolean preprocess, boolean encoder, boolean cascade, boolean microBatch, Duration maxWait, int threads) {
      this(preprocess, encoder, cascade, microBatch, maxWait, threads, false, 2);
    }

    public static Options defaults() {
      return new Options(true, true, true, true, Duration.ofMillis(2), 0);
    }
  }

  /** Pieces for sentence-level scoring: at least 40 chars, at most 400, neighbouring pairs too. */
  public static Segmenter segmenter() {
    return new Segmenter(40, 400, true);
  }

  private final EmbeddedHead head;
  private final Options options;
  private final TextNormaliser normaliser;
  private final LexicalScorer lexical;
  private final EncoderStage encoder;
  private final AtomicLong lexicalDecisions = new AtomicLong();
  private final AtomicLong encoderDecisions = new AtomicLong();

  public EmbeddedPromptGuard(EmbeddedHead head, Options options) {
    this.head = head;
    this.options = options;
    this.normaliser = new TextNormaliser(options.preprocess() ? TextNormaliser.ALL : TextNormaliser.NONE);
    this.lexical = new LexicalScorer(head.ngrams(), head.lexical(), head.pieces(), segmenter());
    boolean useEncoder = options.encoder() && (head.encoderMlp() != null || head.tunedEncoder() != null) && head.metaFull() != null;
    Threading threading = new Threading(options.threads(), options.spinning());
    if (!useEncoder) {
      this.encoder = null;
    } else if (head.tunedEncoder() != null) {
      this.encoder = new TunedEncoderStage(head.tunedEncoder(), threading);
    } else {
      this.encoder = new EncoderBranch(SentenceEncoder.embeddedMiniLm(threading), head.encoderMlp(), options.microBatch(),
          options.maxWait(), options.workers());
    }
  }

  public static EmbeddedPromptGuard shipped(Options options) {
    return new EmbeddedPromptGuard(EmbeddedHead.shipped(), options);
  }

  public EmbeddedHead head() {
    return head;
  }

  @Override
  public Verdict score(String text) {
    NormalisedText nt = normaliser.normalise(text);
    String t = nt.text();
    if (t.isBlank()) {
      lexicalDecisions.incrementAndGet();
      return new Verdict(0.0, 0, 0, "empty", 0);
    }
    if (t.codePoints().noneMatch(Character::isLetterOrDigit)) {
      // "?", "...", "👍": no word, so no instruction to follow; the models have nothing to read and guessed 0.79 for "?".
      lexicalDecisions.incrementAndGet();
      return new Verdict(0.0, 0, 0, "no words", 0);
    }
    LexicalScorer.Scores ls = lexical.score(t);
    float[] lf = MetaFeatures.lexical(ls);
    double pLex = head.metaLexical().probability(0, null, lf);
    int start = nt.originalStart(ls.pieceStart());
    int end = nt.originalEnd(ls.pieceEnd());
    boolean uncertain = pLex >= head.bandLow() && pLex <= head.bandHigh();
    boolean shortText = t.length() <= head.shortText();
    if (encoder == null || (options.cascade() && !uncertain && !shortText)) {
      lexicalDecisions.incrementAndGet();
      return new Verdict(pLex, start, end, "lexical", ls.pieces());
    }
    double encoderLogit = encoder.logit(t);
    double pFull = head.metaFull().probability(0, null, MetaFeatures.full(lf, encoderLogit));
    encoderDecisions.incrementAndGet();
    double score = cascadeScore(pLex, pFull, t.length(), head, options.cascade());
    return new Verdict(score, start, end, "encoder", ls.pieces());
  }

  /**
   * The cascade's score of a text: the lexical score outside the uncertain band; inside it the stacked score, clamped
   * into the band so that scores still rank across stages; for a short text (which always goes through the encoder) the
   * stacked score as it is, since the lexical stage may not decide a short text alone in either direction.
   */
  public static double cascadeScore(double pLex, double pFull, int length, EmbeddedHead head, boolean cascade) {
    if (!cascade || length <= head.shortText()) {
      return pFull;
    }
    boolean uncertain = pLex >= head.bandLow() && pLex <= head.bandHigh();
    return uncertain ? Math.max(head.bandLow(), Math.min(head.bandHigh(), pFull)) : pLex;
  }

  /** How many texts the lexical stage decided alone, and how many went through the encoder. */
  public long[] stageCounts() {
    return new long[] {lexicalDecisions.get(), encoderDecisions.get()};
  }

  public double meanEncoderBatchSize() {
    return encoder == null ? 0 : encoder.meanBatchSize();
  }

  @Override
  public String description() {
    String stage = head.tunedEncoder() != null ? "+fine-tuned MiniLM" : "+MiniLM";
    return "embedded n-gram" + (encoder != null ? stage + (options.cascade() ? " cascade" : "") : "") + " head";
  }

  @Override
  public double defaultThreshold() {
    return head.threshold();
  }

  @Override
  public void close() {
    if (encoder != null) {
      encoder.close();
    }
  }
}
