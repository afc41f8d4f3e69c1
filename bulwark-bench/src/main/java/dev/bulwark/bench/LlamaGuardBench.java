package dev.bulwark.bench;

import dev.bulwark.llm.ChatMessage;
import dev.bulwark.llm.LlamaGuardPolicy;
import dev.bulwark.llm.LlamaGuardPrompt;
import dev.bulwark.llm.LlamaGuardVersion;
import dev.bulwark.llm.LlmRequest;
import dev.bulwark.llm.LlmResponse;
import dev.bulwark.llm.GgufBackend;
import dev.bulwark.llm.gguf.SyntheticGguf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Llama Guard moderation of a ~100-token user message on a model with Llama Guard 3 1B's exact shapes (random
 * Q4_0 weights, 0.7 GB, written by {@link SyntheticGguf} into {@code bulwark-bench/target/models/} on first run), in
 * process on 2 threads with the policy prefix cached.
 *
 * <p>A random model writes garbage, so the benchmark runs the steps of {@code LlamaGuard.judge} itself: render the
 * exact prompt, generate the verdict (5 tokens, the length of {@code \n\nunsafe\nS1}), then measure P(unsafe) against
 * P(safe) at the first content token. {@code verdictOnly} (the same without the probability) is the baseline that
 * shows what the score costs. Each call changes the first word of the message, so only the policy prefix is cached,
 * as between two real checks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(1)
public class LlamaGuardBench {
  /** About 100 tokens for the synthetic vocabulary (the setup prints the exact count). */
  static final String MESSAGE = "Please explain how I can check if the content in my messages is safe and which"
      + " categories of the policy it could violate, and tell me what you would do if there is unsafe content, for"
      + " example violent crimes, hate, self harm or sexual content, in a conversation with an agent, and give me a"
      + " list of the most important things to know about privacy and intellectual property, with advice I can use"
      + " when I write my next message to the assistant.";

  private GgufBackend backend;
  private LlamaGuardPolicy policy;
  private long counter;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path model = modelPath();
    if (!Files.exists(model) || Files.size(model) < 600_000_000L) {
      System.err.println("writing the synthetic Llama Guard 3 1B-shaped model to " + model + " ...");
      new SyntheticGguf(SyntheticGguf.Shape.llamaGuard3OneB(), SyntheticGguf.Quantization.Q4_0).write(model);
    }
    backend = GgufBackend.open("bench", model, 2, 4096);
    policy = LlamaGuardPolicy.defaults(LlamaGuardVersion.LLAMA_GUARD_3_1B);
    String prompt = prompt("warm");
    int total = backend.countTokens(prompt);
    int prefix = backend.countTokens(LlamaGuardPrompt.fixedPrefix(policy, "User"));
    System.err.printf("message: %d tokens; prompt: %d tokens, of which %d are the cached policy prefix%n",
        backend.countTokens(MESSAGE), total, prefix);
    // Evaluate the policy prefix once, as the first check after start-up does.
    backend.complete(LlmRequest.raw(prompt).withMaxTokens(1).withTimeout(Duration.ofMinutes(2)));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    backend.close();
  }

  static Path modelPath() {
    return Path.of(System.getProperty("bulwark.home", "."), "bulwark-bench", "target", "models",
        "llama-guard-3-1b-shape-q4_0-v2.gguf");
  }

  private String prompt(String firstWord) {
    return LlamaGuardPrompt.render(policy, List.of(ChatMessage.user(firstWord + " " + MESSAGE)));
  }

  @Benchmark
  public double moderate() {
    String prompt = prompt("m" + counter++);
    LlmResponse verdict = backend.complete(LlmRequest.raw(prompt).withMaxTokens(5).withTimeout(Duration.ofMinutes(1)));
    double[] p = backend.candidateProbabilities(prompt, List.of("safe", "unsafe"), Duration.ofMinutes(1));
    return p[1] + verdict.text().length();
  }

  @Benchmark
  public int verdictOnly() {
    String prompt = prompt("v" + counter++);
    return backend.complete(LlmRequest.raw(prompt).withMaxTokens(5).withTimeout(Duration.ofMinutes(1))).text().length();
  }
}
