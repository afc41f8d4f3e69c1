package dev.bulwark.llm.embedded;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The scores of the last few user requests that replies were judged beside. A streamed answer is judged run of
 * sentences by run of sentences, each time with the same request: its encoder pass is made once, not once per run.
 * A request's scores depend on its text alone, so a remembered score equals a recomputed one. Callers must not
 * change the arrays inside the scores they get.
 */
public final class RecentRequests {
  static final int ENTRIES = 64;
  /** Longer requests are scored every time rather than kept: the memory stays a few megabytes at most. */
  static final int MAX_CHARS = 8_192;

  private final Map<String, TextScorer.Scores> recent = new LinkedHashMap<>(ENTRIES * 2, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, TextScorer.Scores> eldest) {
      return size() > ENTRIES;
    }
  };

  /** The scores of {@code request}: remembered, or computed by {@code scorer} (outside the lock) and remembered. */
  public TextScorer.Scores score(String request, Function<String, TextScorer.Scores> scorer) {
    if (request.length() > MAX_CHARS) {
      return scorer.apply(request);
    }
    synchronized (recent) {
      TextScorer.Scores known = recent.get(request);
      if (known != null) {
        return known;
      }
    }
    // Two callers missing at once both compute it; the result is the same, and neither waits for the other.
    TextScorer.Scores scores = scorer.apply(request);
    synchronized (recent) {
      recent.put(request, scores);
    }
    return scores;
  }

  /** Requests remembered now. */
  int size() {
    synchronized (recent) {
      return recent.size();
    }
  }
}
