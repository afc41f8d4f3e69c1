package dev.bulwark.promptguard.train;

import dev.bulwark.classifier.TextNormaliser;
import dev.bulwark.classifier.data.LabelledText;
import dev.bulwark.promptguard.embedded.LexicalScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Labels the pieces of a training document, so the n-gram model also learns what an attack looks like as one
 * sentence among ordinary ones. The evidence (the inserted instruction) comes from the row itself (generated
 * documents record it) or, for BIPIA, from the difference between an attacked document and its clean twin.
 */
public final class PieceLabels {
  private PieceLabels() {}

  /** The strings that make {@code r} an attack, where known. */
  public static List<String> evidence(LabelledText r, Map<String, LabelledText> byId) {
    if (!r.evidence().isEmpty() || !r.malicious()) {
      return r.evidence();
    }
    if (r.source().equals("bipia")) {
      int dash = r.id().lastIndexOf('-');
      LabelledText clean = dash < 0 ? null : byId.get(r.id().substring(0, dash) + "-clean");
      if (clean != null) {
        String a = clean.text();
        String b = r.text();
        int pre = 0;
        while (pre < a.length() && pre < b.length() && a.charAt(pre) == b.charAt(pre)) {
          pre++;
        }
        int suf = 0;
        while (suf < a.length() - pre && suf < b.length() - pre && a.charAt(a.length() - 1 - suf) == b.charAt(b.length() - 1 - suf)) {
          suf++;
        }
        String inserted = b.substring(pre, b.length() - suf).strip();
        if (inserted.length() >= 10) {
          return List.of(inserted);
        }
      }
    }
    return List.of();
  }

  public static int[] label(LabelledText r, String normalised, List<LexicalScorer.Piece> pieces, List<String> evidence,
      TextNormaliser normaliser) {
    int[] labels = new int[pieces.size()];
    if (!r.malicious()) {
      return labels;
    }
    List<int[]> spans = new ArrayList<>();
    for (String e : evidence) {
      int[] span = locate(normalised, normaliser.normalise(e).text());
      if (span != null) {
        spans.add(span);
      }
    }
    for (int p = 0; p < pieces.size(); p++) {
      LexicalScorer.Piece piece = pieces.get(p);
      if (spans.isEmpty()) {
        labels[p] = -1;
        continue;
      }
      int best = 0;
      int evidenceLength = 1;
      for (int[] s : spans) {
        int overlap = Math.min(s[1], piece.end()) - Math.max(s[0], piece.start());
        if (overlap > best) {
          best = overlap;
          evidenceLength = s[1] - s[0];
        }
      }
      int pieceLength = Math.max(1, piece.end() - piece.start());
      if (best <= 0) {
        labels[p] = 0;
      } else if (best >= 0.5 * Math.min(pieceLength, evidenceLength)) {
        labels[p] = 1;
      } else {
        labels[p] = -1;
      }
    }
    return labels;
  }

  /** Where {@code evidence} sits in {@code text}: exact, else by its first or last 40 chars (escaping may differ). */
  private static int[] locate(String text, String evidence) {
    if (evidence.isEmpty()) {
      return null;
    }
    int i = text.indexOf(evidence);
    if (i >= 0) {
      return new int[] {i, i + evidence.length()};
    }
    int k = Math.min(40, evidence.length());
    i = text.indexOf(evidence.substring(0, k));
    if (i >= 0) {
      return new int[] {i, Math.min(text.length(), i + evidence.length())};
    }
    i = text.indexOf(evidence.substring(evidence.length() - k));
    if (i >= 0) {
      int end = i + k;
      return new int[] {Math.max(0, end - evidence.length()), end};
    }
    return null;
  }
}
