package dev.bulwark.bench;

import dev.bulwark.core.Cost;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallResult;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.Trace;
import java.util.Set;
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
 * What the firewall itself costs per message: three scanners that do nothing, so everything measured is
 * orchestration (dispatch, deadlines, aggregation). {@code direct} calls the three scanners by hand: the baseline in
 * the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FirewallOverheadBench {

  /** cheap: the scanners declare {@link Cost#CHEAP} and run inline; pooled: they run on the executor under deadlines. */
  @Param({"cheap", "pooled"})
  public String placement;

  private Firewall firewall;
  private Scanner[] scanners;
  private final Message message = Message.user("What is the capital of France?");

  @Setup(Level.Trial)
  public void setUp() {
    Cost cost = placement.equals("cheap") ? Cost.CHEAP : Cost.MODERATE;
    scanners = new Scanner[] {new NoOp("a", cost), new NoOp("b", cost), new NoOp("c", cost)};
    Firewall.Builder b = Firewall.builder();
    for (Scanner s : scanners) {
      b.add(Role.USER, s);
    }
    firewall = b.build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    firewall.close();
  }

  @Benchmark
  public FirewallResult firewall() {
    return firewall.scan(message);
  }

  @Benchmark
  public double direct() {
    double s = 0;
    for (Scanner scanner : scanners) {
      s += scanner.scan(message, Trace.empty()).score();
    }
    return s;
  }

  static final class NoOp implements Scanner {
    private final String name;
    private final Cost cost;

    NoOp(String name, Cost cost) {
      this.name = name;
      this.cost = cost;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Set<Role> roles() {
      return Set.of(Role.USER);
    }

    @Override
    public ScanResult scan(Message message, Trace context) {
      return ScanResult.allow(name, "ok");
    }

    @Override
    public Cost cost() {
      return cost;
    }
  }
}
