package dev.bulwark.bench;

import dev.bulwark.codeshield.CodeShieldScanner;
import dev.bulwark.core.AnswerStream;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.StreamOptions;
import dev.bulwark.core.Trace;
import dev.bulwark.core.hiddentext.HiddenTextScanner;
import dev.bulwark.core.pii.PiiScanner;
import dev.bulwark.core.regex.RegexScanner;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 20,000-character answer checked by the rule scanners and Code Shield (role assistant): scanned whole once (the
 * baseline), streamed in 5-character chunks through {@link Firewall#stream} (releasing sentences, or words), and the
 * naive alternative: rescanning the whole prefix at every sentence end. Time per answer (sample mode: the median is
 * the p0.50 line).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StreamingBench {
  /** prose: sentences of English; code: prose with a fenced Python block every few sentences. */
  @Param({"prose", "code"})
  public String text;

  private static final int CHUNK = 5;
  private String answer;
  private Firewall firewall;
  private StreamOptions sentences;
  private StreamOptions words;

  @Setup
  public void setUp() {
    answer = answer(text, 20_000);
    firewall = Firewall.builder()
        .add(Role.ASSISTANT, HiddenTextScanner.withDefaults())
        .add(Role.ASSISTANT, RegexScanner.withDefaults())
        .add(Role.ASSISTANT, PiiScanner.withDefaults())
        .add(Role.ASSISTANT, CodeShieldScanner.withDefaults())
        .build();
    sentences = firewall.streamOptions();
    words = sentences.withHoldSentences(false);
  }

  @TearDown
  public void tearDown() {
    firewall.close();
  }

  @Benchmark
  public Object whole() {
    return firewall.scan(Message.assistant(answer));
  }

  @Benchmark
  public Object streamedSentences() {
    return stream(sentences);
  }

  @Benchmark
  public Object streamedWords() {
    return stream(words);
  }

  /** What a guard without incremental scanning does to release sentence by sentence. */
  @Benchmark
  public Object rescanPrefixPerSentence() {
    Object last = null;
    for (int i = 0; i < answer.length(); i++) {
      char c = answer.charAt(i);
      if ((c == '.' || c == '\n') && i + 1 < answer.length()) {
        last = firewall.scan(Message.assistant(answer.substring(0, i + 1)));
      }
    }
    return firewall.scan(Message.assistant(answer)) == null ? last : answer;
  }

  private Object stream(StreamOptions options) {
    AnswerStream s = firewall.stream(new Message(Role.ASSISTANT, ""), Trace.empty(), options);
    for (int i = 0; i < answer.length(); i += CHUNK) {
      s.offer(answer.substring(i, Math.min(answer.length(), i + CHUNK)));
    }
    return s.finish();
  }

  static String answer(String kind, int chars) {
    String[] prose = {
        "The tram leaves at nine and stops near the river, where the market opens early.",
        "Then it climbs the hill past the old castle walls and the university library.",
        "Bring a coat, because the evenings are cool in March and the wind comes from the sea!",
        "Would you like a list of cafés on the way, or a map of the walking routes?",
        "Tickets cost 3 euros for a single ride; a day pass is cheaper if you ride four times."};
    String code = "Here is a small script that does it:\n```python\nimport csv\n\ndef total(path):\n"
        + "    with open(path) as f:\n        return sum(float(r['amount']) for r in csv.DictReader(f))\n```\n";
    StringBuilder b = new StringBuilder(chars + 200);
    for (int i = 0; b.length() < chars; i++) {
      b.append(prose[i % prose.length]).append(' ');
      if (kind.equals("code") && i % 6 == 5) {
        b.append('\n').append(code);
      }
    }
    return b.substring(0, chars);
  }
}
