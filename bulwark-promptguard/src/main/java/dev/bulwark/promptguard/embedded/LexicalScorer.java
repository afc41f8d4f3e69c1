package dev.bulwark.promptguard.embedded;

import dev.bulwark.classifier.Segmenter;
import dev.bulwark.classifier.features.HashedNgrams;
import dev.bulwark.classifier.features.SparseVector;
import dev.bulwark.classifier.features.TextStatistics;
import dev.bulwark.classifier.head.LogisticRegression;
import java.util.ArrayList;
import java.util.List;

/**
 * The cheap stage: two logistic regressions over hashed n-grams plus surface statistics, one for the whole
 * (normalised) text, one for its short pieces (sentences, neighbouring pairs, decoded base64/hex/percent runs; a text
 * with a single piece is its own piece). The best piece localises the attack and catches instructions diluted in long
 * documents; the piece model is trained on labelled pieces, so it knows one bad sentence among ordinary ones.
 */
public final class LexicalScorer {
  /** What the lexical stage saw; piece offsets are in the normalised text. */
  public record Scores(double documentLogit, double pieceLogit, int pieceStart, int pieceEnd, int pieces, float[] statistics) {}

  private final HashedNgrams ngrams;
  private final LogisticRegression regression;
  private final LogisticRegression pieceRegression;
  private final Segmenter segmenter;

  public LexicalScorer(HashedNgrams ngrams, LogisticRegression regression, LogisticRegression pieceRegression, Segmenter segmenter) {
    this.ngrams = ngrams;
    this.regression = regression;
    this.pieceRegression = pieceRegression;
    this.segmenter = segmenter;
  }

  public HashedNgrams ngrams() {
    return ngrams;
  }

  public LogisticRegression regression() {
    return regression;
  }

  public Segmenter segmenter() {
    return segmenter;
  }

  /** The piece model's logit for one piece. */
  public double pieceLogit(String text) {
    return pieceRegression.logit(0, ngrams.vector(text), TextStatistics.of(text));
  }

  /** A short piece of the text to score on its own: a sentence, two neighbouring ones, or a decoded run. */
  public record Piece(int start, int end, String text) {}

  /**
   * The pieces of {@code text}: its segments when there is more than one (a single segment is the text itself, which
   * the document score already covers), and the decoded form of every encoded run.
   */
  public static List<Piece> pieces(String text, Segmenter segmenter) {
    List<Piece> out = new ArrayList<>();
    List<Segmenter.Segment> segments = segmenter.segments(text);
    if (segments.size() > 1) {
      for (Segmenter.Segment s : segments) {
        out.add(new Piece(s.start(), s.end(), s.of(text)));
      }
    }
    for (EncodedPayloads.Decoded d : EncodedPayloads.find(text)) {
      out.add(new Piece(d.start(), d.end(), d.text()));
    }
    return out;
  }

  public Scores score(String text) {
    float[] stats = TextStatistics.of(text);
    SparseVector doc = ngrams.vector(text);
    double docLogit = regression.logit(0, doc, stats);
    double best = pieceRegression.logit(0, doc, stats);
    int bestStart = 0;
    int bestEnd = text.length();
    List<Piece> pieces = pieces(text, segmenter);
    boolean first = true;
    for (Piece p : pieces) {
      double l = pieceLogit(p.text());
      if (first || l > best) {
        best = l;
        bestStart = p.start();
        bestEnd = p.end();
        first = false;
      }
    }
    return new Scores(docLogit, best, bestStart, bestEnd, pieces.size() + 1, stats);
  }
}
