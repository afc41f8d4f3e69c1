package dev.bulwark.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * LlamaFirewall's orchestrator: scanners per role, run for each message, combined into one decision.
 *
 * <p>Semantics (the same for the synchronous and the asynchronous API, which share one code path):
 * <ul>
 *   <li>The scanners of a message's role run concurrently; {@link Cost#CHEAP} ones on the caller's thread, the others
 *       on an executor, each under its deadline.
 *   <li>Any block wins (score: the highest block score); else any human review; else allow (score: the highest).
 *   <li>A scanner that throws, returns an error, or misses its deadline gets its binding's failure mode (open: allow,
 *       closed: block); its status stays visible in the result and the other scanners are unaffected.
 *   <li>Short-circuit mode (a configuration choice) runs the scanners one by one, cheapest first, and stops at the
 *       first block; the rest are reported as skipped.
 * </ul>
 *
 * <p>A firewall is immutable and thread-safe; build it once and share it. {@link #close()} releases the scanners it
 * built and its threads.
 */
public final class Firewall implements AutoCloseable {
  private static final ScheduledExecutorService DEADLINES = deadlineTimer();
  /**
   * The workers of {@link AnswerFeed}s: apart from the scanners' executor, so that a feed waiting for its scanners
   * never holds a thread a bounded scanner pool needs; idle threads end after a minute.
   */
  private static final ExecutorService FEEDS = Executors.newCachedThreadPool(daemonThreads("bulwark-feed"));

  private final Map<Role, List<ScannerBinding>> bindings;
  private final boolean shortCircuit;
  private final int maxContentChars;
  private final ExecutorService executor;
  private final boolean ownsExecutor;
  private final List<Scanner> owned;
  private final List<String> notes;
  private final StreamOptions streamOptions;

  private Firewall(Map<Role, List<ScannerBinding>> bindings, boolean shortCircuit, int maxContentChars,
      ExecutorService executor, boolean ownsExecutor, List<Scanner> owned, List<String> notes,
      StreamOptions streamOptions) {
    this.streamOptions = streamOptions;
    this.bindings = bindings;
    this.shortCircuit = shortCircuit;
    this.maxContentChars = maxContentChars;
    this.executor = executor;
    this.ownsExecutor = ownsExecutor;
    this.owned = owned;
    this.notes = notes;
  }

  /** The default preset with every scanner on the class path, default settings. */
  public static Firewall create() {
    return builder().build();
  }

  public static Firewall fromConfig(FirewallConfig config) {
    return builder().config(config).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Scans one message with no context. */
  public FirewallResult scan(Message message) {
    return scan(message, Trace.empty());
  }

  /** Scans one message given the messages before it. */
  public FirewallResult scan(Message message, Trace context) {
    return scanAsync(message, context).join();
  }

  public CompletableFuture<FirewallResult> scanAsync(Message message) {
    return scanAsync(message, Trace.empty());
  }

  /** Scans one message given the messages before it; the future never completes exceptionally. */
  public CompletableFuture<FirewallResult> scanAsync(Message message, Trace context) {
    long start = System.nanoTime();
    List<ScannerBinding> list = bindings.getOrDefault(message.role(), List.of());
    Trace ctx = context == null ? Trace.empty() : context;
    int length = message.content().length();
    if (length > maxContentChars) {
      ScanResult refusal = new ScanResult("firewall", Decision.BLOCK, 1.0,
          "message content is " + length + " characters, over the limit of " + maxContentChars + " (max-content-chars)",
          Status.ERROR, List.of(), Duration.ZERO,
          "message content is " + length + " characters; the limit is " + maxContentChars
              + " (raise max-content-chars in the configuration to scan it)");
      return CompletableFuture.completedFuture(
          new FirewallResult(Decision.BLOCK, 1.0, refusal.reason(), Status.ERROR, 0, List.of(refusal), Duration.ZERO));
    }
    if (list.isEmpty()) {
      return CompletableFuture.completedFuture(Aggregation.combine(List.of(), Duration.ZERO)
          .withReason("no scanner is configured for role " + message.role().id()));
    }
    CompletableFuture<List<ScanResult>> results = shortCircuit
        ? runShortCircuit(list, message, ctx)
        : runConcurrently(list, message, ctx);
    return results.thenApply(r -> Aggregation.combine(r, Duration.ofNanos(System.nanoTime() - start)));
  }

  private CompletableFuture<List<ScanResult>> runConcurrently(List<ScannerBinding> list, Message message, Trace ctx) {
    int n = list.size();
    @SuppressWarnings("unchecked")
    CompletableFuture<ScanResult>[] futures = new CompletableFuture[n];
    List<ScannerInvocation.Pending> pending = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ScannerBinding b = list.get(i);
      if (b.scanner().cost() != Cost.CHEAP) {
        ScannerInvocation.Pending p = ScannerInvocation.start(executor, b, message, ctx);
        pending.add(p);
        futures[i] = p.result();
      }
    }
    ScannerInvocation.armDeadlines(DEADLINES, pending);
    for (int i = 0; i < n; i++) {
      if (futures[i] == null) {
        futures[i] = CompletableFuture.completedFuture(ScannerInvocation.runHere(list.get(i), message, ctx));
      }
    }
    return CompletableFuture.allOf(futures).thenApply(v -> {
      List<ScanResult> out = new ArrayList<>(n);
      for (CompletableFuture<ScanResult> f : futures) {
        out.add(f.join());
      }
      return out;
    });
  }

  private CompletableFuture<List<ScanResult>> runShortCircuit(List<ScannerBinding> list, Message message, Trace ctx) {
    Integer[] order = new Integer[list.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.comparing(i -> list.get(i).scanner().cost()));
    ScanResult[] slots = new ScanResult[list.size()];
    return step(list, order, 0, slots, message, ctx).thenApply(v -> List.of(slots));
  }

  private CompletableFuture<Void> step(
      List<ScannerBinding> list, Integer[] order, int k, ScanResult[] slots, Message message, Trace ctx) {
    if (k == order.length) {
      return CompletableFuture.completedFuture(null);
    }
    ScannerBinding b = list.get(order[k]);
    CompletableFuture<ScanResult> f = b.scanner().cost() == Cost.CHEAP
        ? CompletableFuture.completedFuture(ScannerInvocation.runHere(b, message, ctx))
        : ScannerInvocation.runOn(executor, DEADLINES, b, message, ctx);
    return f.thenCompose(r -> {
      slots[order[k]] = r;
      if (r.decision() == Decision.BLOCK) {
        for (int j = k + 1; j < order.length; j++) {
          slots[order[j]] = ScannerInvocation.skipped(list.get(order[j]), "short-circuit: " + b.name() + " already blocked");
        }
        return CompletableFuture.completedFuture(null);
      }
      return step(list, order, k + 1, slots, message, ctx);
    });
  }

  /**
   * Starts checking an answer that arrives in pieces, with the firewall's stream options; see {@link AnswerStream}.
   *
   * @param template the answer's role and attributes (its content is ignored)
   * @param context the messages before the answer (the question, for scanners that judge the answer given it)
   */
  public AnswerStream stream(Message template, Trace context) {
    return stream(template, context, streamOptions);
  }

  /** An answer of role {@code role} streamed in, with no context. */
  public AnswerStream stream(Role role) {
    return stream(new Message(role, ""), Trace.empty());
  }

  public AnswerStream stream(Message template, Trace context, StreamOptions options) {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(options, "options");
    Message bare = new Message(template.role(), "", List.of(), template.attributes());
    return new AnswerStream(bindings.getOrDefault(template.role(), List.of()), bare,
        context == null ? Trace.empty() : context, options, executor, DEADLINES);
  }

  /**
   * Starts checking an answer whose producer must not wait for the scanners; see {@link AnswerFeed}. The listener gets
   * each released piece of text and, last, the step with the verdict, on the feed's worker thread.
   *
   * @param template the answer's role and attributes (its content is ignored)
   * @param context the messages before the answer
   */
  public AnswerFeed feed(Message template, Trace context, Consumer<StreamStep> listener) {
    return feed(template, context, streamOptions, AnswerFeed.DEFAULT_MAX_BACKLOG_CHARS, listener);
  }

  /** As {@link #feed(Message, Trace, Consumer)}, with these stream options and this bound of the backlog. */
  public AnswerFeed feed(Message template, Trace context, StreamOptions options, int maxBacklogChars,
      Consumer<StreamStep> listener) {
    return new AnswerFeed(stream(template, context, options), FEEDS, maxBacklogChars, listener);
  }

  /** The stream options {@link #stream(Message, Trace)} uses (configuration {@code streaming:}). */
  public StreamOptions streamOptions() {
    return streamOptions;
  }

  /**
   * Replays a trace: scans each message with the messages before it as context and stops at the first block or
   * human review, whose index the result carries. An allowed trace gives the last message's result with the highest
   * score seen.
   */
  public FirewallResult scan(Trace trace) {
    return scanAsync(trace).join();
  }

  public CompletableFuture<FirewallResult> scanAsync(Trace trace) {
    if (trace.isEmpty()) {
      return CompletableFuture.completedFuture(
          new FirewallResult(Decision.ALLOW, 0.0, "empty trace", Status.SKIPPED, -1, List.of(), Duration.ZERO));
    }
    return replay(trace, 0, 0.0, Status.SKIPPED, System.nanoTime());
  }

  private CompletableFuture<FirewallResult> replay(Trace trace, int i, double maxScore, Status worst, long start) {
    return scanAsync(trace.get(i), trace.prefix(i)).thenCompose(r -> {
      Status status = worse(worst, r.status());
      if (r.decision() != Decision.ALLOW) {
        return CompletableFuture.completedFuture(new FirewallResult(r.decision(), r.score(), r.reason(), r.status(), i,
            r.results(), Duration.ofNanos(System.nanoTime() - start)));
      }
      double max = Math.max(maxScore, r.score());
      if (i == trace.size() - 1) {
        String reason = "all " + trace.size() + " messages allowed";
        return CompletableFuture.completedFuture(
            new FirewallResult(Decision.ALLOW, max, reason, status, i, r.results(), Duration.ofNanos(System.nanoTime() - start)));
      }
      return replay(trace, i + 1, max, status, start);
    });
  }

  private static Status worse(Status a, Status b) {
    if (a.isFailure()) {
      return a;
    }
    if (b.isFailure()) {
      return b;
    }
    return a == Status.SUCCESS || b == Status.SUCCESS ? Status.SUCCESS : Status.SKIPPED;
  }

  /**
   * Scans {@code message} in the context of {@code trace} and returns the verdict with the trace to keep: the trace
   * plus the message when it was allowed, the trace unchanged otherwise.
   */
  public AppendResult scanAndAppend(Message message, Trace trace) {
    return scanAndAppendAsync(message, trace).join();
  }

  public CompletableFuture<AppendResult> scanAndAppendAsync(Message message, Trace trace) {
    Trace base = trace == null ? Trace.empty() : trace;
    return scanAsync(message, base).thenApply(r -> new AppendResult(r, r.allowed() ? base.append(message) : base));
  }

  /** The scanners that run for a role, in configuration order. */
  public List<ScannerBinding> scanners(Role role) {
    return bindings.getOrDefault(role, List.of());
  }

  /**
   * The scanners per role, for a start-up log line: {@code user: prompt-guard, hidden-text, regex; tool: ...}. Roles
   * with no scanner are listed as {@code none}, so an unguarded role is visible too.
   */
  public String describe() {
    StringBuilder b = new StringBuilder();
    for (Role role : Role.values()) {
      if (b.length() > 0) {
        b.append("; ");
      }
      List<ScannerBinding> list = scanners(role);
      b.append(role.id()).append(": ")
          .append(list.isEmpty() ? "none" : String.join(", ", list.stream().map(ScannerBinding::name).toList()));
    }
    return b.toString();
  }

  /**
   * Why some scanners were left out: a preset scanner that cannot run without more configuration (alignment-check
   * without a backend), or, with allow-missing-scanners, a scanner whose module is not on the class path. Each note
   * is also logged at WARN when the firewall is built.
   */
  public List<String> notes() {
    return notes;
  }

  public boolean shortCircuit() {
    return shortCircuit;
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (Scanner s : owned) {
      try {
        s.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (ownsExecutor) {
      executor.shutdownNow();
    }
    if (first != null) {
      throw first;
    }
  }

  /**
   * Created on first use only: SLF4J prints a "no providers" notice when it starts without a binding, and a firewall
   * that has nothing to warn about should not make a plain application print it.
   */
  private static final class Log {
    static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Firewall.class);
  }

  private static ScheduledExecutorService deadlineTimer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads("bulwark-deadline"));
    // Deadlines are long and almost always cancelled; without this the queue would hold every cancelled alarm.
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Builds a firewall from configuration, a preset, scanners written in code, or any mix. */
  public static final class Builder {
    private ScannerRegistry registry;
    private FirewallConfig config;
    private String preset;
    private Set<Role> onlyRoles = EnumSet.allOf(Role.class);
    private final List<Map.Entry<Role, ScannerBinding>> added = new ArrayList<>();
    private ExecutorService executor;
    private Duration deadline;
    private Boolean shortCircuit;
    private Boolean allowMissingScanners;
    private StreamOptions streamOptions;

    private Builder() {}

    /** Where scanner names are looked up; default: every provider on the class path. */
    public Builder registry(ScannerRegistry registry) {
      this.registry = registry;
      return this;
    }

    public Builder config(FirewallConfig config) {
      this.config = config;
      return this;
    }

    /** Starts from a named preset ({@link Presets}); overrides the configuration's preset. */
    public Builder preset(String name) {
      Presets.get(name);
      this.preset = name;
      return this;
    }

    /** Builds only the scanners of these roles (the CLI uses it to start fast). */
    public Builder onlyRoles(Set<Role> roles) {
      this.onlyRoles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
      return this;
    }

    /** Adds a scanner written in code for a role, with its default failure mode and the default deadline. */
    public Builder add(Role role, Scanner scanner) {
      added.add(Map.entry(role, new ScannerBinding(scanner.name(), scanner, scanner.defaultFailureMode(),
          FirewallConfig.DEFAULT_DEADLINE)));
      return this;
    }

    public Builder add(Role role, Scanner scanner, FailureMode failureMode, Duration deadline) {
      added.add(Map.entry(role, new ScannerBinding(scanner.name(), scanner, failureMode, deadline)));
      return this;
    }

    /** The executor for scanners that are not cheap; default: a cached pool of daemon threads owned by the firewall. */
    public Builder executor(ExecutorService executor) {
      this.executor = executor;
      return this;
    }

    /** Default per-scanner deadline (overrides the configuration's). */
    public Builder deadline(Duration deadline) {
      this.deadline = deadline;
      return this;
    }

    public Builder shortCircuit(boolean enabled) {
      this.shortCircuit = enabled;
      return this;
    }

    /**
     * Whether a scanner whose module is not on the class path is skipped with a warning (logged at build, and in
     * {@link Firewall#notes()}) instead of failing the build; overrides the configuration's
     * {@code allow-missing-scanners}. Default: fail, naming the artifact to add.
     */
    public Builder allowMissingScanners(boolean allowed) {
      this.allowMissingScanners = allowed;
      return this;
    }

    /** How streamed answers are held back and limited; overrides the configuration's {@code streaming:}. */
    public Builder streamOptions(StreamOptions options) {
      this.streamOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Builds every configured scanner once.
     *
     * @throws ConfigException for unknown scanners or settings, naming the file and line
     */
    public Firewall build() {
      boolean codeOnly = config == null && preset == null && !added.isEmpty();
      FirewallConfig cfg = config != null ? config : FirewallConfig.defaults();
      ScannerRegistry reg = registry != null ? registry : ScannerRegistry.discover();
      String presetName = preset != null ? preset : cfg.preset() != null ? cfg.preset() : Presets.DEFAULT;
      Duration defaultDeadline = deadline != null ? deadline : cfg.deadline();

      List<String> notes = new ArrayList<>();
      Map<String, Scanner> instances = new LinkedHashMap<>();
      boolean allowMissing = allowMissingScanners != null ? allowMissingScanners : cfg.allowMissingScanners();
      BindingResolver resolver = new BindingResolver(cfg, reg, instances, defaultDeadline, notes, allowMissing);
      Map<Role, List<ScannerBinding>> byRole = new EnumMap<>(Role.class);
      try {
        for (Role role : Role.values()) {
          if (!onlyRoles.contains(role)) {
            continue;
          }
          List<ScannerBinding> list = new ArrayList<>();
          List<FirewallConfig.RoleEntry> explicit = cfg.roles().get(role);
          if (explicit != null) {
            for (FirewallConfig.RoleEntry e : explicit) {
              resolver.bind(e.scanner(), e.location(), false).ifPresent(list::add);
            }
          } else if (!codeOnly) {
            for (String name : Presets.get(presetName).get(role)) {
              ConfigNode.Location where = cfg.presetLocation() != null ? cfg.presetLocation()
                  : ConfigNode.Location.inCode("preset " + presetName + ", role " + role.id());
              resolver.bind(name, where, true).ifPresent(list::add);
            }
          }
          for (Map.Entry<Role, ScannerBinding> e : added) {
            if (e.getKey() == role) {
              list.add(e.getValue());
            }
          }
          if (!list.isEmpty()) {
            byRole.put(role, List.copyOf(list));
          }
        }
      } catch (RuntimeException e) {
        instances.values().forEach(Scanner::close);
        throw e;
      }
      boolean ownsExecutor = executor == null;
      ExecutorService exec = ownsExecutor ? Executors.newCachedThreadPool(daemonThreads("bulwark-scanner")) : executor;
      boolean sc = shortCircuit != null ? shortCircuit : cfg.shortCircuit();
      // Every scanner left out weakens the firewall: say so where operators look, not only in notes().
      notes.forEach(n -> Log.LOG.warn("Bulwark firewall ({}): {}", cfg.source(), n));
      return new Firewall(Collections.unmodifiableMap(byRole), sc, cfg.maxContentChars(), exec, ownsExecutor,
          List.copyOf(distinct(instances.values())), List.copyOf(notes),
          streamOptions != null ? streamOptions : cfg.streamOptions());
    }

    private static List<Scanner> distinct(java.util.Collection<Scanner> scanners) {
      Map<Scanner, Boolean> seen = new IdentityHashMap<>();
      List<Scanner> out = new ArrayList<>();
      for (Scanner s : scanners) {
        if (seen.put(s, Boolean.TRUE) == null) {
          out.add(s);
        }
      }
      return out;
    }
  }
}
