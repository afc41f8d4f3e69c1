package dev.bulwark.langchain4j;

import dev.bulwark.llm.LocalModelServer;
import dev.bulwark.llm.TinyModel;
import dev.bulwark.llm.GgufBackend;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OpenAI-compatible endpoint on loopback ({@code serve-llm}'s server) running a tiny scripted GGUF model with
 * llama.cpp, and LangChain4j's OpenAI chat model pointed at it. The scripted models answer "safe" or "unsafe,S1".
 */
final class LocalModels implements AutoCloseable {
  final GgufBackend backend;
  final LocalModelServer server;
  final AtomicInteger calls = new AtomicInteger();

  LocalModels(Path model) throws IOException {
    backend = GgufBackend.open("tiny", model, 1, 2048);
    server = LocalModelServer.start(backend, "127.0.0.1", 0, "tiny", Duration.ofSeconds(60));
  }

  static LocalModels alwaysSafe() throws IOException {
    return new LocalModels(TinyModel.alwaysSafe());
  }

  static LocalModels alwaysUnsafe() throws IOException {
    return new LocalModels(TinyModel.alwaysUnsafe());
  }

  /** LangChain4j's own OpenAI client against the local endpoint; counts the requests that reach the model. */
  ChatModel chatModel() {
    return OpenAiChatModel.builder()
        .baseUrl(server.baseUrl().toString())
        .apiKey("not-needed-locally")
        .modelName("tiny")
        .maxTokens(8)
        .temperature(0.0)
        .timeout(Duration.ofSeconds(60))
        .maxRetries(0)
        .listeners(new ChatModelListener() {
          @Override
          public void onRequest(ChatModelRequestContext requestContext) {
            calls.incrementAndGet();
          }
        })
        .build();
  }

  @Override
  public void close() {
    server.close();
    backend.close();
  }
}
