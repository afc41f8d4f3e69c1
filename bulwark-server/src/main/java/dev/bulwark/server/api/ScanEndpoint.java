package dev.bulwark.server.api;

import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallResult;
import dev.bulwark.core.ResultJson;
import dev.bulwark.server.http.ApiException;
import dev.bulwark.server.http.Call;
import dev.bulwark.server.http.ErrorType;
import dev.bulwark.server.http.Route;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code POST /v1/scan}: one message, or a trace replayed message by message, through the firewall (contracts §5). */
final class ScanEndpoint implements Route.Handler {
  private final Firewall firewall;
  private final ScannerSelection selection;
  private final int maxMessages;
  private final int maxContentChars;
  private final Duration deadline;

  ScanEndpoint(Firewall firewall, ScannerSelection selection, int maxMessages,
      int maxContentChars, Duration deadline) {
    this.firewall = firewall;
    this.selection = selection;
    this.maxMessages = maxMessages;
    this.maxContentChars = maxContentChars;
    this.deadline = deadline;
  }

  @Override
  public void handle(Call call) throws IOException {
    ScanRequest request = ScanRequestJson.read(call.jsonObject(), maxMessages, maxContentChars);
    Firewall fw = request.scanners() == null ? firewall : selection.firewallFor(request.scanners());
    CompletableFuture<FirewallResult> pending = request.trace() != null
        ? fw.scanAsync(request.trace())
        : fw.scanAsync(request.message());
    FirewallResult result = await(pending, call.remainingNanos(), deadline);
    call.verdict(result);
    call.respondJson(200, ResultJson.toJson(request.id(), result, ResultJson.Shape.HTTP));
  }

  /** The future's value within the request's remaining time, or a 504 naming the deadline. */
  static <T> T await(CompletableFuture<T> future, long remainingNanos, Duration deadline) {
    try {
      return future.get(Math.max(0, remainingNanos), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new ApiException(ErrorType.TIMEOUT, "the request did not finish within its deadline of "
          + deadline.toMillis() + " ms (serve --deadline); scanners' own deadlines are in the configuration");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(ErrorType.SHUTTING_DOWN, "the server is shutting down; retry on another instance", 1);
    }
  }
}
