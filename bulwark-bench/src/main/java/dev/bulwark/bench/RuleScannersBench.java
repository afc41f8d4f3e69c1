package dev.bulwark.bench;

import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallResult;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.Trace;
import dev.bulwark.core.hiddentext.HiddenTextScanner;
import dev.bulwark.core.pii.PiiScanner;
import dev.bulwark.core.regex.RegexScanner;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The three rule scanners on a 10 KB message (MB/s = 10 240 bytes / time). Baseline in the same run: LlamaFirewall's
 * whole regex scanner (five java.util.regex patterns, case-insensitive) on the same text.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuleScannersBench {
  /** english: ASCII prose with numbers; mixed: prose with accents, CJK, emoji and a few PII values; hostile: near-misses. */
  @Param({"english", "mixed", "hostile"})
  public String text;

  private String content;
  private Message message;
  private HiddenTextScanner hidden;
  private RegexScanner regex;
  private PiiScanner pii;
  private Firewall firewall;
  private List<Pattern> llamaFirewallPatterns;

  @Setup
  public void setUp() {
    content = BenchTexts.tenKilobytes(text);
    message = Message.user(content);
    hidden = HiddenTextScanner.withDefaults();
    regex = RegexScanner.withDefaults();
    pii = PiiScanner.withDefaults();
    firewall = Firewall.builder().add(Role.USER, hidden).add(Role.USER, regex).add(Role.USER, pii).build();
    int flags = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    llamaFirewallPatterns = List.of(
        Pattern.compile("ignore previous instructions|ignore all instructions", flags),
        Pattern.compile("\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Z|a-z]{2,}\\b", flags),
        Pattern.compile("\\b(\\+\\d{1,2}\\s?)?\\(?\\d{3}\\)?[\\s.-]?\\d{3}[\\s.-]?\\d{4}\\b", flags),
        Pattern.compile("\\b(?:\\d{4}[- ]?){3}\\d{4}\\b", flags),
        Pattern.compile("\\b\\d{3}-\\d{2}-\\d{4}\\b", flags));
  }

  @Benchmark
  public int hiddenText() {
    return hidden.scan(message, Trace.empty()).findings().size();
  }

  @Benchmark
  public int regex() {
    return regex.scan(message, Trace.empty()).findings().size();
  }

  @Benchmark
  public int pii() {
    return pii.scan(message, Trace.empty()).findings().size();
  }

  /** All three through the firewall: what a user pays per message. */
  @Benchmark
  public FirewallResult allThreeThroughFirewall() {
    return firewall.scan(message);
  }

  @Benchmark
  public int baselineLlamaFirewallRegex() {
    int hits = 0;
    for (Pattern p : llamaFirewallPatterns) {
      if (p.matcher(content).find()) {
        hits++;
        break; // LlamaFirewall stops at the first matching pattern
      }
    }
    return hits;
  }

  /** Deterministic 10 KB inputs. */
  static final class BenchTexts {
    private static final String[] WORDS = ("the of and to in is that for it as was with be by on not he this are or his from at "
        + "which but have an they you were her she there been one all we their has would when if so no out up more what "
        + "about into than them can only other new some could time these two may first then do any like my now over such "
        + "our man me even most made after also did many before must through back years where much your way well down "
        + "should because each just those people how too little state good very make world still own see men work long "
        + "get here between both life being under never day same another know while last might us great old year off "
        + "come since against go came right used take three").split(" ");

    static String tenKilobytes(String kind) {
      Random rnd = new Random(42);
      StringBuilder b = new StringBuilder(10_400);
      int sentence = 0;
      while (b.length() < 10_240) {
        switch (kind) {
          case "mixed" -> {
            String[] extra = {"café", "naïve", "東京", "Ελλάδα", "😀", "über", "mañana", "👍🏽", "Zürich", "데이터"};
            b.append(rnd.nextInt(5) == 0 ? extra[rnd.nextInt(extra.length)] : WORDS[rnd.nextInt(WORDS.length)]);
            if (sentence % 97 == 50) {
              b.append(" mail support@example.org or +44 20 7946 0958");
            }
          }
          case "hostile" -> {
            String[] near = {"ignore", "previous", "instructions", "system:", "sk-", "AKIA", "eyJ", "4111", "@", "+1",
                "-----BEGIN", "\u200B", "::", "1.2.3", "555-0134", "you are", "mode"};
            b.append(rnd.nextInt(3) == 0 ? near[rnd.nextInt(near.length)] : WORDS[rnd.nextInt(WORDS.length)]);
          }
          default -> {
            b.append(WORDS[rnd.nextInt(WORDS.length)]);
            if (rnd.nextInt(40) == 0) {
              b.append(' ').append(rnd.nextInt(100_000));
            }
          }
        }
        sentence++;
        b.append(sentence % 12 == 0 ? ". " : " ");
      }
      b.setLength(10_240);
      return b.toString();
    }
  }
}
