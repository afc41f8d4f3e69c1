package dev.bulwark.bench;

import dev.bulwark.codeshield.CodeShield;
import dev.bulwark.codeshield.Language;
import dev.bulwark.codeshield.rules.Rule;
import dev.bulwark.codeshield.rules.RuleLoader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Thread CPU time of Code Shield on 100 KB inputs, a companion to {@link CodeShieldThroughputBench} and
 * {@link CodeShieldAdversarialBench} for shared machines (CPU time moves much less with other tenants' load than wall
 * time). For each input it prints the whole scan (all rules, best of 10 × {@code reps}) and then every rule alone (best of
 * {@code reps}, warm), slowest first, so "MB/s on a 100 KB file" and "no rule over 50 ms" can be read off one run.
 *
 * <p>Run: {@code java -cp bulwark-bench/target/bulwark-bench.jar dev.bulwark.bench.CodeShieldRuleProfile [reps]
 * [input ...]} where an input is a language of the dev corpus ({@code python}, {@code c}, ...: its snippets
 * concatenated to 100 KB) or an adversarial kind ({@code long-line}, {@code deep-nesting}, {@code near-miss},
 * {@code taint-line}, {@code minified-handler}, {@code long-function}; every rule is then run in its own first
 * language). Without inputs: the eight Code Shield languages and the six adversarial kinds.
 */
public final class CodeShieldRuleProfile {
  private static final List<String> DEFAULT_INPUTS = List.of("c", "cpp", "csharp", "java", "javascript", "php", "python",
      "rust", "long-line", "deep-nesting", "near-miss", "taint-line", "minified-handler", "long-function");
  private static final int SHOWN = 6;

  private CodeShieldRuleProfile() {}

  public static void main(String[] args) {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    List<String> inputs = args.length > 1 ? List.of(args).subList(1, args.length) : DEFAULT_INPUTS;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    List<Rule> rules = RuleLoader.builtIn();
    List<CodeShield> alone = new ArrayList<>();
    for (Rule r : rules) {
      alone.add(CodeShield.builder().ruleFilter(x -> x.id().equals(r.id())).build());
    }
    CodeShield all = CodeShield.create();
    List<CodeShieldCorpus.Snippet> corpus = CodeShieldCorpus.load();
    for (String input : inputs) {
      boolean adversarial = input.contains("-");
      String text = adversarial ? CodeShieldAdversarialBench.hostile(input) : CodeShieldThroughputBench.file(corpus, input);
      Language lang = adversarial ? null : Language.fromName(input).orElseThrow();
      double whole = adversarial ? Double.NaN : best(mx, 10 * reps, () -> all.scan(text, lang));
      List<double[]> times = new ArrayList<>();
      double sum = 0;
      for (int k = 0; k < rules.size(); k++) {
        Rule r = rules.get(k);
        Language ruleLang = adversarial ? (r.isLanguageAgnostic() ? null : r.languages().iterator().next()) : lang;
        if (!adversarial && !r.isLanguageAgnostic() && !r.languages().contains(lang)) {
          continue;
        }
        CodeShield shield = alone.get(k);
        double t = best(mx, reps, () -> shield.scan(text, ruleLang));
        sum += t;
        times.add(new double[] {t, k});
      }
      times.sort((a, b) -> Double.compare(b[0], a[0]));
      StringBuilder slowest = new StringBuilder();
      for (int i = 0; i < Math.min(SHOWN, times.size()); i++) {
        slowest.append(String.format(Locale.ROOT, " %s %.1f", rules.get((int) times.get(i)[1]).id(), times.get(i)[0]));
      }
      System.out.printf(Locale.ROOT, "%-13s %6d chars  all rules %8.1f ms cpu (%5.2f MB/s)  rules alone: sum %7.1f, max %6.1f ms;%s%n",
          input, text.length(), whole, text.length() / 1e6 / (whole / 1e3), sum, times.get(0)[0], slowest);
    }
  }

  /** Best-of-{@code reps} thread CPU time in ms, after one warm-up call. */
  private static double best(ThreadMXBean mx, int reps, Runnable task) {
    task.run();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < reps; i++) {
      long c0 = mx.getCurrentThreadCpuTime();
      task.run();
      best = Math.min(best, mx.getCurrentThreadCpuTime() - c0);
    }
    return best / 1e6;
  }
}
