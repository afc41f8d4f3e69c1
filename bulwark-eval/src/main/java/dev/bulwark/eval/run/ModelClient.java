package dev.bulwark.eval.run;

import dev.bulwark.core.Excerpt;
import dev.bulwark.eval.Endpoint;
import dev.bulwark.llm.ChatMessage;
import dev.bulwark.llm.LlmBackend;
import dev.bulwark.llm.LlmException;
import dev.bulwark.llm.LlmRequest;
import dev.bulwark.llm.LlmResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One model (under test, or the judge) as the benchmarks use it: every call is looked up in the endpoint's
 * {@link ResponseCache} first, holds one of the endpoint's concurrency permits while it is in flight, and is written
 * to the cache when it returns. A failed call is an {@link Answer} with an error, never an exception: the run goes on
 * and the failure is recorded for that prompt.
 */
public final class ModelClient {
  private final Endpoint endpoint;
  private final LlmBackend backend;
  private final Semaphore permits;
  private final ResponseCache cache;
  private final Generation generation;
  private final AtomicLong queried = new AtomicLong();
  private final AtomicLong cached = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  public ModelClient(Endpoint endpoint, LlmBackend backend, Semaphore permits, ResponseCache cache, Generation generation) {
    this.endpoint = endpoint;
    this.backend = backend;
    this.permits = permits;
    this.cache = cache;
    this.generation = generation;
  }

  /** An answer: {@code text} when the call succeeded, else {@code error}. */
  public record Answer(String text, String error, boolean fromCache) {
    public boolean ok() {
      return error == null;
    }
  }

  public Answer ask(List<ChatMessage> messages) {
    String key = CacheKey.of(endpoint.name(), endpoint.model(), generation, messages);
    ResponseCache.Entry hit = cache.hit(key);
    if (hit != null) {
      cached.incrementAndGet();
      return new Answer(hit.response(), null, true);
    }
    LlmRequest request = LlmRequest.chat(messages)
        .withMaxTokens(generation.maxTokens())
        .withTemperature(generation.temperature())
        .withExtraBody(generation.topP() < 1.0 ? Map.of("top_p", generation.topP()) : Map.of())
        .withTimeout(generation.timeout());
    long start = System.nanoTime();
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(null, "interrupted before the call to " + endpoint.name(), false);
    }
    try {
      LlmResponse r = backend.complete(request);
      long ms = (System.nanoTime() - start) / 1_000_000;
      cache.put(key, new ResponseCache.Entry(r.text(), null, ms));
      queried.incrementAndGet();
      return new Answer(r.text(), null, false);
    } catch (LlmException | IllegalArgumentException e) {
      long ms = (System.nanoTime() - start) / 1_000_000;
      String message = Excerpt.of(String.valueOf(e.getMessage()), 300);
      cache.put(key, new ResponseCache.Entry(null, message, ms));
      failed.incrementAndGet();
      return new Answer(null, message, false);
    } finally {
      permits.release();
    }
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  public String name() {
    return endpoint.name();
  }

  /** Calls sent to the endpoint that succeeded. */
  public long queried() {
    return queried.get();
  }

  /** Calls answered from the cache. */
  public long cached() {
    return cached.get();
  }

  /** Calls that failed (after the backend's retries). */
  public long failed() {
    return failed.get();
  }
}
