package dev.bulwark.llm;

import dev.bulwark.llm.gguf.NativeLlama;
import dev.bulwark.llm.gguf.TokenProbe;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import dev.bulwark.llm.ChatMessage;
import dev.bulwark.llm.LlmBackend;
import dev.bulwark.llm.LlmException;
import dev.bulwark.llm.LlmRequest;
import dev.bulwark.llm.LlmResponse;
import dev.bulwark.llm.TokenLogprob;
import dev.bulwark.llm.TokenScoring;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A GGUF model run in process by llama.cpp (through {@code de.kherud:llama}).
 *
 * <p>Every call runs on one worker thread per model, so the caller can always give up at its deadline: a call that
 * misses it is cancelled between tokens (llama.cpp cannot be interrupted inside one decode step, which takes at most
 * one batch of prompt tokens), and the caller gets a {@link LlmException.Kind#TIMEOUT} at the deadline, not later.
 *
 * <p>Prompts are evaluated with llama.cpp's prompt cache on: the key-value state of the longest prefix shared with
 * the previous prompt is reused, so checks that share a fixed policy block only evaluate what follows it.
 *
 * <p>Token probabilities: the binding's own probability output aborts the JVM on this llama.cpp build (it reads a
 * JSON field that llama.cpp renamed), so {@link TokenProbe} measures them with greedy decoding under logit biases.
 */
public final class GgufBackend implements LlmBackend, TokenScoring {
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

  private final String name;
  private final Path path;
  private final LlamaModel model;
  private final ExecutorService worker;
  private final TokenProbe probe;
  private final GgufMetadata metadata;
  private final AtomicBoolean closed = new AtomicBoolean();

  private GgufBackend(String name, Path path, LlamaModel model, GgufMetadata metadata) {
    this.name = name;
    this.path = path;
    this.model = model;
    this.worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "bulwark-llama-" + name);
      t.setDaemon(true);
      return t;
    });
    this.metadata = metadata;
    this.probe = new TokenProbe(model, (int) Math.min(Integer.MAX_VALUE, metadata.vocabularySize()));
  }

  /**
   * Loads a model.
   *
   * @param threads CPU threads for prompt evaluation and generation
   * @param contextSize tokens of context (prompt plus answer); longer prompts are refused
   * @throws LlmException ({@link LlmException.Kind#UNAVAILABLE}) when the file is missing, not GGUF, or fails to load
   */
  public static GgufBackend open(String name, Path path, int threads, int contextSize) {
    GgufMetadata metadata = checkFile(path);
    NativeLlama.load();
    ModelParameters params = new ModelParameters()
        .setModel(path.toString())
        .setThreads(threads)
        .setThreadsBatch(threads)
        .setCtxSize(contextSize)
        .setParallel(1)
        .disableLog();
    try {
      return new GgufBackend(name, path, new LlamaModel(params), metadata);
    } catch (RuntimeException e) {
      String log = NativeLlama.lastProblem();
      throw new LlmException(LlmException.Kind.UNAVAILABLE, "cannot load GGUF model " + path + ": " + e.getMessage()
          + (log.isEmpty() ? "" : " (llama.cpp: " + log + ")"), e);
    }
  }

  /** Refuses files llama.cpp would crash or hang on, with a message that says what is wrong. */
  private static GgufMetadata checkFile(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new LlmException(LlmException.Kind.UNAVAILABLE, "GGUF model file not found: " + path);
    }
    byte[] magic = new byte[4];
    try (InputStream in = Files.newInputStream(path)) {
      if (in.readNBytes(magic, 0, 4) != 4 || magic[0] != 'G' || magic[1] != 'G' || magic[2] != 'U' || magic[3] != 'F') {
        throw new LlmException(LlmException.Kind.UNAVAILABLE, path + " is not a GGUF model (it does not start with 'GGUF')");
      }
      GgufMetadata metadata = GgufMetadata.read(path);
      String arch = metadata.string("general.architecture", "?");
      if (UNSUPPORTED_ARCHITECTURES.contains(arch)) {
        throw new LlmException(LlmException.Kind.UNAVAILABLE, path + " is a '" + arch + "' model, which the bundled"
            + " llama.cpp (b4916) cannot run (Llama Guard 4 and 3-Vision need a newer runtime); serve it with vLLM or a"
            + " recent llama.cpp server and configure an OpenAI-compatible backend instead");
      }
      return metadata;
    } catch (IOException e) {
      throw new LlmException(LlmException.Kind.UNAVAILABLE, "cannot read GGUF model " + path + ": " + e.getMessage(), e);
    }
  }

  /** Architectures newer than the bundled llama.cpp; loading them fails deep in native code. */
  private static final java.util.Set<String> UNSUPPORTED_ARCHITECTURES = java.util.Set.of("llama4", "mllama");

  public GgufMetadata metadata() {
    return metadata;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String describe() {
    return "GGUF model " + path.getFileName() + " in process";
  }

  public Path path() {
    return path;
  }

  @Override
  public boolean acceptsRawPrompts() {
    return true;
  }

  @Override
  public Optional<TokenScoring> tokenScoring() {
    return Optional.of(this);
  }

  @Override
  public LlmResponse complete(LlmRequest request) {
    return complete(request, piece -> {});
  }

  /**
   * Completes the request, handing each generated piece of text to {@code onToken} as it is produced (on the model's
   * worker thread), for streaming.
   */
  public LlmResponse complete(LlmRequest request, java.util.function.Consumer<String> onToken) {
    if (request.hasImages()) {
      throw new LlmException(LlmException.Kind.INVALID_REQUEST, "backend '" + name + "' (" + describe()
          + ") is text-only: image content cannot be passed to it; configure an OpenAI-compatible vision backend");
    }
    long start = System.nanoTime();
    Deadline deadline = Deadline.after(request.timeout());
    return run(deadline, cancelled -> {
      String prompt = request.isRaw() ? request.prompt() : applyTemplate(request.messages());
      Generation g = generate(prompt, request, deadline, cancelled, onToken);
      List<TokenLogprob> logprobs = List.of();
      if (request.wantsLogprobs()) {
        logprobs = probe.logprobs(prompt, g.pieces, Math.min(Math.max(request.topLogprobs(), 0), TokenProbe.MAX_TOP),
            () -> deadline.check(cancelled));
      }
      int promptTokens = model.encode(prompt).length;
      return new LlmResponse(g.text, logprobs, g.finishReason, path.getFileName().toString(), promptTokens,
          g.pieces.size(), Duration.ofNanos(System.nanoTime() - start));
    });
  }

  @Override
  public double[] candidateProbabilities(String prompt, List<String> candidates, Duration timeout) {
    Deadline deadline = Deadline.after(timeout);
    return run(deadline, cancelled -> probe.candidateProbabilities(prompt, candidates, () -> deadline.check(cancelled)));
  }

  /** The number of tokens {@code text} has for this model (special tokens parsed). */
  public int countTokens(String text) {
    return run(Deadline.after(Duration.ofSeconds(30)), cancelled -> model.encode(text).length);
  }

  private record Generation(String text, List<String> pieces, String finishReason) {}

  private Generation generate(String prompt, LlmRequest request, Deadline deadline, AtomicBoolean cancelled,
      java.util.function.Consumer<String> onToken) {
    InferenceParameters p = new InferenceParameters(prompt)
        .setNPredict(request.maxTokens())
        .setTemperature((float) request.temperature())
        .setRepeatPenalty(1.0f)
        .setCachePrompt(true);
    if (!request.stop().isEmpty()) {
      p.setStopStrings(request.stop().toArray(String[]::new));
    }
    List<String> pieces = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    LlamaIterator it = model.generate(p).iterator();
    try {
      while (it.hasNext()) {
        deadline.check(cancelled);
        LlamaOutput out = it.next();
        if (!out.text.isEmpty()) {
          pieces.add(out.text);
          text.append(out.text);
          onToken.accept(out.text);
        }
      }
    } catch (RuntimeException e) {
      it.cancel();
      throw e;
    }
    String finish = pieces.size() >= request.maxTokens() ? "length" : "stop";
    return new Generation(text.toString(), pieces, finish);
  }

  /** Renders chat messages with the model's chat template (ChatML when the file has none). */
  private String applyTemplate(List<ChatMessage> messages) {
    String system = null;
    List<Pair<String, String>> turns = new ArrayList<>();
    for (ChatMessage m : messages) {
      switch (m.role()) {
        case "system", "developer" -> system = system == null ? m.text() : system + "\n\n" + m.text();
        case "assistant" -> turns.add(new Pair<>("assistant", m.text()));
        case "user" -> turns.add(new Pair<>("user", m.text()));
        // The binding's template call knows only user and assistant turns.
        default -> turns.add(new Pair<>("user", "[" + m.role() + "] " + m.text()));
      }
    }
    if (turns.isEmpty()) {
      turns.add(new Pair<>("user", ""));
    }
    return model.applyTemplate(new InferenceParameters("").setMessages(system, turns));
  }

  private interface Task<T> {
    T run(AtomicBoolean cancelled);
  }

  private <T> T run(Deadline deadline, Task<T> task) {
    if (closed.get()) {
      throw new LlmException(LlmException.Kind.CANCELLED, "backend '" + name + "' is closed");
    }
    AtomicBoolean cancelled = new AtomicBoolean();
    Future<T> future;
    try {
      future = worker.submit((Callable<T>) () -> {
        deadline.check(cancelled);
        try {
          return task.run(cancelled);
        } catch (LlmException e) {
          throw e;
        } catch (RuntimeException e) {
          // The binding's LlamaException is not public; anything it throws is a model failure.
          throw new LlmException(LlmException.Kind.BAD_RESPONSE, "llama.cpp failed in backend '" + name + "': " + e.getMessage(), e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      throw new LlmException(LlmException.Kind.CANCELLED, "backend '" + name + "' is closed");
    }
    try {
      return future.get(Math.max(1, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      cancelled.set(true);
      future.cancel(false);
      throw deadline.timeout(name);
    } catch (InterruptedException e) {
      cancelled.set(true);
      future.cancel(false);
      Thread.currentThread().interrupt();
      throw new LlmException(LlmException.Kind.CANCELLED, "call to backend '" + name + "' was interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof LlmException le) {
        throw le;
      }
      throw new LlmException(LlmException.Kind.BAD_RESPONSE, "backend '" + name + "' failed: " + cause, cause);
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    worker.shutdown();
    try {
      if (!worker.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        // A decode step is still running in native code; freeing the model under it would crash the JVM.
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    model.close();
  }

  /** A point in time by which a call must end. */
  record Deadline(long atNanos, Duration budget) {
    static Deadline after(Duration d) {
      return new Deadline(System.nanoTime() + d.toNanos(), d);
    }

    long remainingNanos() {
      return atNanos - System.nanoTime();
    }

    void check(AtomicBoolean cancelled) {
      if (cancelled.get() || remainingNanos() <= 0) {
        throw new LlmException(LlmException.Kind.TIMEOUT, "deadline of " + budget.toMillis() + " ms passed");
      }
    }

    LlmException timeout(String backend) {
      return new LlmException(LlmException.Kind.TIMEOUT,
          "backend '" + backend + "' gave no answer within " + budget.toMillis() + " ms");
    }
  }
}
