package dev.bulwark.eval;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link CyberSecEval#run} does: which benchmark, on which input, against which models, where the results go.
 * Build with {@link #builder}; every option but the benchmark, the input and the output directory has a default.
 */
public final class EvalOptions {
  /** CyberSecEval's defaults for the model under test. */
  public static final int DEFAULT_MAX_TOKENS = 4096;
  public static final double DEFAULT_TEMPERATURE = 0.6;
  public static final double DEFAULT_TOP_P = 0.9;
  public static final int DEFAULT_JUDGE_MAX_TOKENS = 1024;
  public static final int DEFAULT_CONCURRENCY = 4;

  private final Benchmark benchmark;
  private final Path dataset;
  private final Path responses;
  private final List<Endpoint> models;
  private final Endpoint judge;
  private final Path out;
  private final Path reports;
  private final int concurrency;
  private final int maxTokens;
  private final double temperature;
  private final double topP;
  private final int judgeMaxTokens;
  private final Duration timeout;
  private final int maxRetries;
  private final Duration retryBackoff;
  private final int limit;
  private final Map<String, String> environment;

  private EvalOptions(Builder b) {
    this.benchmark = Objects.requireNonNull(b.benchmark, "benchmark");
    this.dataset = b.dataset;
    this.responses = b.responses;
    this.models = List.copyOf(b.models);
    this.judge = b.judge;
    this.out = Objects.requireNonNull(b.out, "out");
    this.reports = b.reports;
    this.concurrency = b.concurrency;
    this.maxTokens = b.maxTokens;
    this.temperature = b.temperature;
    this.topP = b.topP;
    this.judgeMaxTokens = b.judgeMaxTokens;
    this.timeout = b.timeout;
    this.maxRetries = b.maxRetries;
    this.retryBackoff = b.retryBackoff;
    this.limit = b.limit;
    this.environment = b.environment;
  }

  public static Builder builder(Benchmark benchmark, Path out) {
    Builder b = new Builder();
    b.benchmark = benchmark;
    b.out = out;
    return b;
  }

  public Benchmark benchmark() {
    return benchmark;
  }

  public Path out() {
    return out;
  }

  public Path dataset() {
    return dataset;
  }

  public Path responses() {
    return responses;
  }

  public List<Endpoint> models() {
    return models;
  }

  public Endpoint judge() {
    return judge;
  }

  public Path reports() {
    return reports;
  }

  public int concurrency() {
    return concurrency;
  }

  public int maxTokens() {
    return maxTokens;
  }

  public double temperature() {
    return temperature;
  }

  public double topP() {
    return topP;
  }

  public int judgeMaxTokens() {
    return judgeMaxTokens;
  }

  public Duration timeout() {
    return timeout;
  }

  public int maxRetries() {
    return maxRetries;
  }

  public Duration retryBackoff() {
    return retryBackoff;
  }

  public int limit() {
    return limit;
  }

  public Map<String, String> environment() {
    return environment;
  }

  public static final class Builder {
    private Benchmark benchmark;
    private Path dataset;
    private Path responses;
    private final List<Endpoint> models = new ArrayList<>();
    private Endpoint judge;
    private Path out;
    private Path reports;
    private int concurrency = DEFAULT_CONCURRENCY;
    private int maxTokens = DEFAULT_MAX_TOKENS;
    private double temperature = DEFAULT_TEMPERATURE;
    private double topP = DEFAULT_TOP_P;
    private int judgeMaxTokens = DEFAULT_JUDGE_MAX_TOKENS;
    private Duration timeout = Duration.ofMinutes(5);
    private int maxRetries = 6;
    private Duration retryBackoff = Duration.ofSeconds(1);
    private int limit;
    private Map<String, String> environment = System.getenv();

    private Builder() {}

    /** The test cases to query the models with. */
    public Builder dataset(Path file) {
      this.dataset = file;
      return this;
    }

    /** Answers produced elsewhere (upstream's response-file format): scored without querying any model. */
    public Builder responses(Path file) {
      this.responses = file;
      return this;
    }

    public Builder model(Endpoint endpoint) {
      this.models.add(Objects.requireNonNull(endpoint));
      return this;
    }

    public Builder judge(Endpoint endpoint) {
      this.judge = endpoint;
      return this;
    }

    /** Where the CyberSOCEval report files are (default: the dataset's directory). */
    public Builder reports(Path dir) {
      this.reports = dir;
      return this;
    }

    /** Requests in flight per endpoint URL, unless the endpoint says otherwise. */
    public Builder concurrency(int n) {
      if (n < 1 || n > 256) {
        throw new IllegalArgumentException("concurrency must be from 1 to 256, got " + n);
      }
      this.concurrency = n;
      return this;
    }

    public Builder maxTokens(int n) {
      this.maxTokens = n;
      return this;
    }

    public Builder temperature(double t) {
      this.temperature = t;
      return this;
    }

    public Builder topP(double p) {
      this.topP = p;
      return this;
    }

    public Builder judgeMaxTokens(int n) {
      this.judgeMaxTokens = n;
      return this;
    }

    /** The longest one call may take, retries included. */
    public Builder timeout(Duration d) {
      this.timeout = Objects.requireNonNull(d);
      return this;
    }

    /** Retries on 429, 5xx and refused connections, with exponential backoff from {@code backoff}. */
    public Builder retries(int n, Duration backoff) {
      if (n < 0 || n > 20) {
        throw new IllegalArgumentException("retries must be from 0 to 20, got " + n);
      }
      this.maxRetries = n;
      this.retryBackoff = Objects.requireNonNull(backoff);
      return this;
    }

    /** Test cases to use, spread evenly over the dataset as upstream picks them; 0 for all. */
    public Builder limit(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("limit must not be negative, got " + n);
      }
      this.limit = n;
      return this;
    }

    /** Where API keys are looked up (default: the process environment). */
    public Builder environment(Map<String, String> env) {
      this.environment = Map.copyOf(env);
      return this;
    }

    public EvalOptions build() {
      return new EvalOptions(this);
    }
  }
}
