package dev.bulwark.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.llm.ChatMessage;
import dev.bulwark.llm.LlmException;
import dev.bulwark.llm.Moderation;
import dev.bulwark.llm.ModerationJson;
import dev.bulwark.llm.ModerationRequest;
import dev.bulwark.llm.ModerationRequestException;
import dev.bulwark.llm.ModerationResponse;
import dev.bulwark.server.http.ApiException;
import dev.bulwark.server.http.Call;
import dev.bulwark.server.http.ErrorType;
import dev.bulwark.server.http.Route;
import dev.bulwark.server.metrics.ServerMetrics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * {@code POST /v1/moderations}: OpenAI-shaped ({@code input}) and Llama-API-shaped ({@code messages}) requests,
 * each answered in its own shape (contracts §5), by the configured moderation model. Items are judged one after the
 * other and the deadline is checked between them.
 */
final class ModerationEndpoint implements Route.Handler {
  static final String NOT_CONFIGURED = "no moderation model is configured: /v1/moderations needs Llama Guard on an LLM"
      + " backend. Add a 'backends:' entry (a local GGUF model or an OpenAI-compatible endpoint) and"
      + " 'scanners: {llama-guard: {backend: NAME}}' to the --config file (docs/LLAMA-GUARD.md), then restart.";

  private final Moderation moderation;
  private final ServerMetrics metrics;
  private final int maxMessages;
  private final Duration deadline;
  private final Semaphore judging;
  private final int concurrency;

  /**
   * @param moderation the model, or null when none is configured (every request then answers 503)
   * @param concurrency requests judged at once; the model is far slower than the rule scanners, so without this cap
   *     a burst of moderation requests would hold every request thread and starve {@code /v1/scan}
   */
  ModerationEndpoint(Moderation moderation, ServerMetrics metrics, int maxMessages, Duration deadline, int concurrency) {
    this.moderation = moderation;
    this.metrics = metrics;
    this.maxMessages = maxMessages;
    this.deadline = deadline;
    this.judging = new Semaphore(concurrency);
    this.concurrency = concurrency;
  }

  @Override
  public void handle(Call call) throws IOException {
    JsonNode root = call.jsonObject();
    if (moderation == null) {
      throw new ApiException(ErrorType.MODEL_UNAVAILABLE, NOT_CONFIGURED);
    }
    checkCounts(root);
    ModerationRequest request;
    try {
      request = ModerationJson.read(root.toString());
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorType.INVALID_REQUEST, e.getMessage());
    }
    try {
      moderation.validate(request);
    } catch (ModerationRequestException e) {
      throw request.shape() == ModerationRequest.Shape.OPENAI
          ? new ApiException(ErrorType.OPENAI_INVALID_REQUEST, e.getMessage(), e.param(), e.code())
          : new ApiException(ErrorType.INVALID_REQUEST, e.getMessage());
    }
    if (!judging.tryAcquire()) {
      throw new ApiException(ErrorType.OVERLOADED, "the moderation model is busy: " + concurrency
          + " requests are being judged (serve --moderation-concurrency); retry after 1s", 1);
    }
    try {
      judgeAll(call, request);
    } finally {
      judging.release();
    }
  }

  private void judgeAll(Call call, ModerationRequest request) throws IOException {
    List<ModerationResponse.Result> results = new ArrayList<>(request.items().size());
    String id = null;
    String model = null;  // the judging model for OpenAI-shaped requests (Moderation decides), echoed for Llama API
    int i = 0;
    for (List<ChatMessage> item : request.items()) {
      if (call.remainingNanos() <= 0) {
        throw new ApiException(ErrorType.TIMEOUT, "moderation did not finish within the request deadline of "
            + deadline.toMillis() + " ms (serve --deadline): " + i + " of " + request.items().size()
            + " items judged; send fewer inputs per request");
      }
      ModerationResponse one = judge(new ModerationRequest(request.shape(), List.of(item), request.model()), i);
      id = id == null ? one.id() : id;
      model = one.model();
      results.addAll(one.results());
      one.results().forEach(r -> metrics.moderations.inc(Boolean.toString(r.flagged())));
      i++;
    }
    boolean flagged = results.stream().anyMatch(ModerationResponse.Result::flagged);
    call.audit(flagged ? "flagged" : "not_flagged", model == null ? List.of() : List.of(model));
    call.respondJson(200, ModerationJson.write(new ModerationResponse(request.shape(), id, model, results)));
  }

  /** Item counts are checked before anything is judged: 10,000 inputs are refused at once, not after an hour. */
  private void checkCounts(JsonNode root) {
    JsonNode input = root.get("input");
    if (input != null && input.isArray() && input.size() > ModerationJson.MAX_INPUTS
        && !(input.get(0) != null && input.get(0).isObject())) {
      throw new ApiException(ErrorType.PAYLOAD_TOO_LARGE, "input: " + input.size() + " items; at most "
          + ModerationJson.MAX_INPUTS + " per request: split them over several requests");
    }
    JsonNode messages = root.get("messages");
    if (messages != null && messages.isArray() && messages.size() > maxMessages) {
      throw new ApiException(ErrorType.PAYLOAD_TOO_LARGE, "messages: " + messages.size() + " messages; at most "
          + maxMessages + " per request (serve --max-messages)");
    }
  }

  private ModerationResponse judge(ModerationRequest one, int index) {
    String where = one.shape() == ModerationRequest.Shape.OPENAI ? "input[" + index + "]" : "messages";
    try {
      return moderation.moderate(one);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorType.INVALID_REQUEST, where + ": " + e.getMessage());
    } catch (LlmException e) {
      ErrorType type = switch (e.kind()) {
        case TIMEOUT -> ErrorType.TIMEOUT;
        case UNAVAILABLE, CANCELLED -> ErrorType.MODEL_UNAVAILABLE;
        case INVALID_REQUEST -> ErrorType.INVALID_REQUEST;
        case HTTP_STATUS, BAD_RESPONSE -> ErrorType.UPSTREAM_ERROR;
      };
      throw new ApiException(type, "the moderation model failed on " + where + ": " + e.getMessage(),
          type == ErrorType.MODEL_UNAVAILABLE ? 5 : 0);
    }
  }
}
