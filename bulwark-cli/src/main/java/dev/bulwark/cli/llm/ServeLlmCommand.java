package dev.bulwark.cli.llm;

import dev.bulwark.cli.CliException;
import dev.bulwark.cli.UsageException;
import dev.bulwark.llm.LlmException;
import dev.bulwark.llm.LocalModelServer;
import dev.bulwark.llm.GgufBackend;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark serve-llm}: a local GGUF model as an OpenAI-compatible endpoint (contracts §6). */
@Command(name = "serve-llm", mixinStandardHelpOptions = true,
    description = {
      "Serve a GGUF model (e.g. Llama Guard 3 1B) as an OpenAI-compatible API:",
      "POST /v1/chat/completions (logprobs, stream), POST /v1/completions (raw prompts), GET /v1/models.",
      "Runs until interrupted (Ctrl-C)."})
public final class ServeLlmCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE.gguf", description = "The GGUF model file.")
  Path model;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
      description = "Address to bind (default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  @Option(names = "--port", defaultValue = "8081", paramLabel = "PORT", description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--model-name", paramLabel = "NAME", description = "Model id clients use (default: the file name without .gguf).")
  String modelName;

  @Option(names = "--threads", defaultValue = "2", paramLabel = "N", description = "CPU threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--context", defaultValue = "4096", paramLabel = "TOKENS", description = "Context size (default: ${DEFAULT-VALUE}).")
  int context;

  @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS",
      description = "Longest generation per request (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new UsageException("--port must be between 0 and 65535, got " + port);
    }
    if (threads < 1 || context < 256 || timeoutSeconds < 1) {
      throw new UsageException("--threads must be at least 1, --context at least 256, --timeout at least 1");
    }
    String id = modelName != null ? modelName : model.getFileName().toString().replaceFirst("\\.gguf$", "");
    GgufBackend backend;
    try {
      backend = GgufBackend.open(id, model, threads, context);
    } catch (LlmException e) {
      throw new CliException(e.getMessage(), e);
    }
    LocalModelServer server;
    try {
      server = LocalModelServer.start(backend, host, port, id, Duration.ofSeconds(timeoutSeconds));
    } catch (IOException e) {
      backend.close();
      throw new CliException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println("serve-llm: model '" + id + "' at " + server.baseUrl() + " (Ctrl-C to stop)");
    err.flush();
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      backend.close();
      stop.countDown();
    }, "serve-llm-shutdown"));
    stop.await();
    return 0;
  }
}
