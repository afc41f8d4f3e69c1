package dev.bulwark.core.testing;

import dev.bulwark.core.Cost;
import dev.bulwark.core.Decision;
import dev.bulwark.core.FailureMode;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.Trace;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Small real scanners with scripted behaviour, for testing the orchestration around them. */
public final class TestScanners {
  private TestScanners() {}

  /** Returns the same verdict for every message. */
  public static Scanner fixed(String name, Decision decision, double score, String reason) {
    return of(name, Cost.MODERATE, m -> ScanResult.of(name, decision, score, reason, List.of()));
  }

  public static Scanner cheap(String name, Decision decision, double score, String reason) {
    return of(name, Cost.CHEAP, m -> ScanResult.of(name, decision, score, reason, List.of()));
  }

  /** Blocks messages containing {@code word}, allows the rest. */
  public static Scanner blocksWord(String name, String word) {
    return of(name, Cost.MODERATE, m -> m.content().contains(word)
        ? ScanResult.of(name, Decision.BLOCK, 1.0, "found " + word, List.of())
        : ScanResult.allow(name, 0.1, "clean"));
  }

  public static Scanner throwing(String name, RuntimeException e) {
    return of(name, Cost.MODERATE, m -> {
      throw e;
    });
  }

  /** Sleeps (interruptibly) before allowing; counts how often it was interrupted. */
  public static Scanner slow(String name, long millis, AtomicInteger interrupted) {
    return of(name, Cost.MODERATE, m -> {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        interrupted.incrementAndGet();
        Thread.currentThread().interrupt();
      }
      return ScanResult.allow(name, "slow but fine");
    });
  }

  /** Waits for the latch: proves that scanners of one message run at the same time. */
  public static Scanner awaiting(String name, CountDownLatch latch) {
    return of(name, Cost.MODERATE, m -> {
      latch.countDown();
      try {
        boolean all = latch.await(5, java.util.concurrent.TimeUnit.SECONDS);
        return all ? ScanResult.allow(name, "met the others") : ScanResult.of(name, Decision.BLOCK, 1.0, "ran alone", List.of());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ScanResult.of(name, Decision.BLOCK, 1.0, "interrupted", List.of());
      }
    });
  }

  public static Scanner of(String name, Cost cost, Function<Message, ScanResult> behaviour) {
    return of(name, cost, FailureMode.OPEN, behaviour);
  }

  public static Scanner of(String name, Cost cost, FailureMode failureMode, Function<Message, ScanResult> behaviour) {
    return new Scanner() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Set<Role> roles() {
        return EnumSet.allOf(Role.class);
      }

      @Override
      public ScanResult scan(Message message, Trace context) {
        return behaviour.apply(message);
      }

      @Override
      public Cost cost() {
        return cost;
      }

      @Override
      public FailureMode defaultFailureMode() {
        return failureMode;
      }
    };
  }

  /** Returns scripted results in order, one per call, and counts calls. */
  public static final class Scripted implements Scanner {
    private final String name;
    private final List<ScanResult> script;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Trace> contexts = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Scripted(String name, List<ScanResult> script) {
      this.name = name;
      this.script = script;
    }

    public int calls() {
      return calls.get();
    }

    public List<Trace> contexts() {
      return contexts;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Set<Role> roles() {
      return EnumSet.allOf(Role.class);
    }

    @Override
    public ScanResult scan(Message message, Trace context) {
      contexts.add(context);
      return script.get(calls.getAndIncrement());
    }
  }
}
