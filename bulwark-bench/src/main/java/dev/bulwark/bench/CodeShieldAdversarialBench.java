package dev.bulwark.bench;

import dev.bulwark.codeshield.CodeShield;
import dev.bulwark.codeshield.Language;
import dev.bulwark.codeshield.rules.Rule;
import dev.bulwark.codeshield.rules.RuleLoader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Every rule, alone, on 100 KB hostile inputs: one long line of near-matches, deeply nested brackets, many repeated
 * near-matches on short lines, and three aimed at the taint pass (thousands of statements in one scope, each a flow):
 * a line of source-to-sink flows, a minified handler on one line, and a function whose statements each extend the last
 * tainted value. The benchmark times one pass of all rules; the tear-down times each rule
 * separately (best of 3, warm) and prints the slowest, so "no rule over 50 ms" can be checked in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(1)
public class CodeShieldAdversarialBench {
  @Param({"long-line", "deep-nesting", "near-miss", "taint-line", "minified-handler", "long-function"})
  public String input;

  private record Case(Rule rule, CodeShield shield, Language language) {}

  private final List<Case> cases = new ArrayList<>();
  private String text;

  @Setup(Level.Trial)
  public void setUp() {
    text = hostile(input);
    for (Rule r : RuleLoader.builtIn()) {
      Language lang = r.isLanguageAgnostic() ? null : r.languages().iterator().next();
      cases.add(new Case(r, CodeShield.builder().ruleFilter(x -> x.id().equals(r.id())).build(), lang));
    }
  }

  static String hostile(String kind) {
    StringBuilder sb = new StringBuilder(110_000);
    switch (kind) {
      case "long-line" -> {
        // One 100 KB line of fragments that start many rules' patterns but never complete them.
        String[] parts = {"os.system(", "eval(\"", "strcpy(", "Cipher.getInstance(\"", "password = '", "execute(\"SELECT ",
            "new Function('", "Runtime.getRuntime().exec(", "yaml.load(", "$_GET['", "md5(", "AIza", "-----BEGIN ",
            "Process.Start(", "for (auto x : v) {", "char buf[", "\"\"\"", "/*", "'", "\"", "`", "${", "#{"};
        int i = 0;
        while (sb.length() < 100_000) {
          sb.append(parts[i++ % parts.length]).append("a".repeat(i % 37)).append(' ');
        }
      }
      case "deep-nesting" -> {
        while (sb.length() < 100_000) {
          sb.append("f(");
        }
        sb.append("x".repeat(100));
        while (sb.length() < 200_000 && sb.length() % 2 == 0) {
          sb.append(')');
        }
        sb.setLength(100_000);
      }
      case "near-miss" -> {
        String[] lines = {"    os.system(\"ls -l\")", "    cursor.execute(\"SELECT 1\", (x,))", "    hashlib.sha256(data)",
            "    strncpy(buf, src, sizeof(buf));", "    Cipher.getInstance(\"AES/GCM/NoPadding\");", "    eval(\"1+2\")",
            "    password = os.environ[\"PW\"]", "    new RegExp(\"^a+$\")", "    yaml.safe_load(f)", "    rm -rf ./build"};
        int i = 0;
        while (sb.length() < 100_000) {
          sb.append(lines[i++ % lines.length]).append('\n');
        }
      }
      case "taint-line" -> {
        // One 100 KB line of statements, each reading a request value, extending the last one and running it as SQL.
        for (int i = 0; sb.length() < 100_000; i++) {
          sb.append("q").append(i).append(" = request.args.get('x') + \"SELECT \" + q").append(Math.max(0, i - 1))
              .append("; cursor.execute(q").append(i).append("); ");
        }
      }
      case "minified-handler" -> {
        // A minified request handler: one line, one scope, thousands of statements, a query built in each.
        sb.append("function h(req,res){");
        for (int i = 0; sb.length() < 100_000; i++) {
          sb.append("var a").append(i).append("=req.query.id+a").append(Math.max(0, i - 1)).append(",b").append(i)
              .append("=db.query(\"SELECT \"+a").append(i).append(");if(b").append(i).append("){res.send(a").append(i)
              .append(")}");
        }
        sb.append('}');
      }
      case "long-function" -> {
        // One function of 4,000 statements, each extending the last tainted value; every tenth runs it as SQL.
        sb.append("def handler(request):\n    v0 = request.args.get('q')\n");
        for (int i = 1; sb.length() < 100_000; i++) {
          sb.append("    v").append(i).append(" = v").append(i - 1).append(" + \"x\"\n");
          if (i % 10 == 0) {
            sb.append("    cursor.execute(\"SELECT \" + v").append(i).append(")\n");
          }
        }
      }
      default -> throw new IllegalArgumentException(kind);
    }
    return sb.toString();
  }

  @Benchmark
  public int allRules() {
    int n = 0;
    for (Case c : cases) {
      n += c.shield().scan(text, c.language()).issues().size();
    }
    return n;
  }

  @TearDown(Level.Trial)
  public void reportSlowestRules() {
    List<long[]> times = new ArrayList<>();
    for (int k = 0; k < cases.size(); k++) {
      Case c = cases.get(k);
      long best = Long.MAX_VALUE;
      for (int rep = 0; rep < 3; rep++) {
        long t0 = System.nanoTime();
        c.shield().scan(text, c.language());
        best = Math.min(best, System.nanoTime() - t0);
      }
      times.add(new long[] {best, k});
    }
    times.sort(Comparator.comparingLong((long[] t) -> t[0]).reversed());
    System.out.printf(Locale.ROOT, "%n[%s] slowest rules on 100 KB (best of 3, ms; includes splitting, masking and any parse):%n", input);
    for (int i = 0; i < Math.min(8, times.size()); i++) {
      System.out.printf(Locale.ROOT, "  %-45s %8.2f%n", cases.get((int) times.get(i)[1]).rule().id(), times.get(i)[0] / 1e6);
    }
  }
}
