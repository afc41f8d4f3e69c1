package dev.bulwark.llm.gguf;

import dev.bulwark.llm.GgufBackend;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import dev.bulwark.llm.LlmException;
import dev.bulwark.llm.TokenLogprob;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures next-token log-odds with greedy decoding under logit biases, because this llama.cpp binding cannot return
 * probabilities (see {@link GgufBackend}).
 *
 * <p>The idea: greedy decoding picks the token with the highest biased logit. Adding a bias {@code b} to candidate
 * {@code c} makes it win over the leader {@code l} exactly when {@code b > logit(l) - logit(c)}, so a bisection over
 * {@code b} finds the logit gap. Every probe is a one-token completion of a prompt that llama.cpp has cached, so it
 * costs one decode step (about 25 ms for a 1B model on 2 cores). Gaps are resolved to {@value #RANGE}/2^{@value #STEPS}
 * logits and clamped at ±{@value #RANGE}.
 *
 * <p>Consequence, documented for users: probabilities are normalised over the candidates compared (the top-k tokens
 * found, or the given candidates), not over the whole vocabulary.
 */
public final class TokenProbe {
  /** The most alternatives per position {@link #logprobs} measures. */
  public static final int MAX_TOP = 5;
  private static final float BOOST = 100f;
  private static final float EXCLUDE = -1000f;
  private static final double RANGE = 32.0;
  private static final int STEPS = 8;

  private final LlamaModel model;
  private final int vocabularySize;
  private Map<String, List<Integer>> idsByText;

  public TokenProbe(LlamaModel model, int vocabularySize) {
    this.model = model;
    this.vocabularySize = vocabularySize;
  }

  /**
   * Every token id that decodes to {@code text}. Vocabularies hold duplicates (a character token and its byte-fallback
   * token), and greedy decoding under a bias on one of them may pick the other, so exclusion has to cover all.
   */
  private List<Integer> idsOf(String text, int knownId) {
    if (idsByText == null && vocabularySize > 0) {
      Map<String, List<Integer>> map = new HashMap<>();
      for (int id = 0; id < vocabularySize; id++) {
        map.computeIfAbsent(model.decode(new int[] {id}), k -> new ArrayList<>()).add(id);
      }
      idsByText = map;
    }
    List<Integer> ids = idsByText == null ? null : idsByText.get(text);
    if (ids == null || ids.isEmpty()) {
      return List.of(knownId);
    }
    return ids;
  }

  /** The greedy next token after {@code prompt} under {@code bias}, as text; empty for an end-of-generation token. */
  String next(String prompt, Map<Integer, Float> bias) {
    InferenceParameters p = new InferenceParameters(prompt)
        .setNPredict(1)
        .setTemperature(0f)
        .setRepeatPenalty(1.0f)
        .setCachePrompt(true);
    if (!bias.isEmpty()) {
      p.setTokenIdBias(bias);
    }
    return model.complete(p);
  }

  /** The id of the single token {@code piece} adds after {@code context}, or -1 when it is not one token. */
  int tokenAfter(String context, String piece) {
    int[] base = model.encode(context);
    int[] full = model.encode(context + piece);
    if (full.length <= base.length) {
      return -1;
    }
    for (int i = 0; i < base.length; i++) {
      if (base[i] != full[i]) {
        return -1;
      }
    }
    return full[base.length];
  }

  /**
   * Probabilities of the candidates' first tokens after {@code prompt}, renormalised over the candidates.
   *
   * @param check throws when the caller's deadline has passed
   */
  public double[] candidateProbabilities(String prompt, List<String> candidates, Runnable check) {
    int n = candidates.size();
    int[] ids = new int[n];
    String[] pieces = new String[n];
    for (int i = 0; i < n; i++) {
      // After a line break, as a verdict follows the assistant header: the token a model would write there.
      ids[i] = tokenAfter("\n\n", candidates.get(i));
      if (ids[i] < 0) {
        throw new LlmException(LlmException.Kind.INVALID_REQUEST, "candidate '" + candidates.get(i) + "' has no token in this model");
      }
      pieces[i] = model.decode(new int[] {ids[i]});
      for (int j = 0; j < i; j++) {
        if (ids[j] == ids[i]) {
          throw new LlmException(LlmException.Kind.INVALID_REQUEST, "candidates '" + candidates.get(j) + "' and '"
              + candidates.get(i) + "' start with the same token; they cannot be told apart");
        }
      }
    }
    double[] gap = new double[n];
    for (int j = 1; j < n; j++) {
      final int cj = j;
      gap[j] = bisect(b -> {
        check.run();
        Map<Integer, Float> bias = new HashMap<>();
        bias.put(ids[0], BOOST);
        bias.put(ids[cj], (float) (BOOST + b));
        String out = next(prompt, bias);
        if (same(out, pieces[cj])) {
          return true;
        }
        if (same(out, pieces[0])) {
          return false;
        }
        throw new LlmException(LlmException.Kind.BAD_RESPONSE, "token probe picked '" + out + "' over both candidates");
      }, -RANGE, RANGE);
    }
    return softmaxOfNegated(gap);
  }

  /**
   * Log probabilities of generated tokens: at each position the top alternatives are found by excluding the winners
   * one by one, and their gaps to the leader measured by bisection.
   */
  public List<TokenLogprob> logprobs(String prompt, List<String> generated, int top, Runnable check) {
    List<TokenLogprob> out = new ArrayList<>();
    StringBuilder context = new StringBuilder(prompt);
    int wanted = Math.max(top, 2);
    for (String piece : generated) {
      check.run();
      String ctx = context.toString();
      List<Integer> ids = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      Map<Integer, Float> excluded = new HashMap<>();
      boolean textlessExcluded = false;
      for (int r = 0; r < wanted + 1 && ids.size() < wanted; r++) {
        check.run();
        String t = next(ctx, excluded);
        if (t.isEmpty() && !textlessExcluded) {
          // End-of-turn tokens and lone UTF-8 bytes have no text of their own: they are not listed.
          for (int same : idsOf("", -1)) {
            if (same >= 0) {
              excluded.put(same, EXCLUDE);
            }
          }
          textlessExcluded = true;
          continue;
        }
        int id = t.isEmpty() ? -1 : tokenAfter(ctx, t);
        if (id < 0 || ids.contains(id) || texts.contains(t)) {
          break;
        }
        ids.add(id);
        texts.add(t);
        for (int same : idsOf(t, id)) {
          excluded.put(same, EXCLUDE);
        }
      }
      int chosen = tokenAfter(ctx, piece);
      int at = texts.indexOf(piece);
      if (at >= 0) {
        chosen = ids.get(at);
      } else if (chosen >= 0 && !ids.contains(chosen)) {
        ids.add(chosen);
        texts.add(piece);
      }
      double[] gap = new double[ids.size()];
      for (int j = 1; j < ids.size(); j++) {
        final int id = ids.get(j);
        final String text = texts.get(j);
        gap[j] = bisect(b -> {
          check.run();
          return same(next(ctx, Map.of(id, (float) b)), text);
        }, 0, RANGE);
      }
      double[] p = softmaxOfNegated(gap);
      double chosenLogprob = 0;
      List<TokenLogprob.Alternative> alternatives = new ArrayList<>();
      for (int j = 0; j < ids.size(); j++) {
        double lp = Math.log(p[j]);
        if (ids.get(j) == chosen) {
          chosenLogprob = lp;
        }
        alternatives.add(new TokenLogprob.Alternative(texts.get(j), lp));
      }
      alternatives.sort((x, y) -> Double.compare(y.logprob(), x.logprob()));
      if (alternatives.size() > top) {
        alternatives = new ArrayList<>(alternatives.subList(0, top));
      }
      out.add(new TokenLogprob(piece, chosenLogprob, alternatives));
      context.append(piece);
    }
    return out;
  }

  private interface Test {
    boolean candidateWins(double bias);
  }

  /** The bias at which the candidate starts to win, within [lo, hi]; clamped at the ends. */
  private static double bisect(Test test, double lo, double hi) {
    double a = lo;
    double b = hi;
    if (lo < 0 && hi > 0) {
      if (test.candidateWins(0)) {
        b = 0;
      } else {
        a = 0;
      }
    }
    for (int i = 0; i < STEPS; i++) {
      double mid = (a + b) / 2;
      if (test.candidateWins(mid)) {
        b = mid;
      } else {
        a = mid;
      }
    }
    return (a + b) / 2;
  }

  private static double[] softmaxOfNegated(double[] gap) {
    double min = Double.MAX_VALUE;
    for (double g : gap) {
      min = Math.min(min, g);
    }
    double sum = 0;
    double[] p = new double[gap.length];
    for (int i = 0; i < gap.length; i++) {
      p[i] = Math.exp(-(gap[i] - min));
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  private static boolean same(String out, String piece) {
    return out.equals(piece) || (!out.isBlank() && out.strip().equals(piece.strip()));
  }
}
