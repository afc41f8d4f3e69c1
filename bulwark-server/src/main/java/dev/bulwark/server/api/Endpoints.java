package dev.bulwark.server.api;

import dev.bulwark.codeshield.CodeShield;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallConfig;
import dev.bulwark.core.ScannerRegistry;
import dev.bulwark.llm.Moderation;
import dev.bulwark.server.http.Route;
import dev.bulwark.server.metrics.ServerMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** The API's routes (contracts §5) over the protections the server built at start. */
public final class Endpoints implements AutoCloseable {
  /** The OpenAPI document served at {@code /openapi.json}, kept in the resources so tests can validate it. */
  public static final String OPENAPI_RESOURCE = "/dev/bulwark/server/openapi.json";

  private final List<Route> routes;
  private final ScannerSelection selection;

  /**
   * @param moderation the moderation model, or null when none is configured
   * @param selectionExecutor runs the non-cheap scanners of requests that choose their own {@code scanners}
   */
  public Endpoints(Firewall firewall, FirewallConfig config, ScannerRegistry registry, CodeShield codeShield,
      Moderation moderation, ServerMetrics metrics, Readiness readiness, int maxMessages, Duration deadline,
      int moderationConcurrency, ExecutorService selectionExecutor) {
    this.selection = new ScannerSelection(firewall, config, registry, selectionExecutor);
    byte[] openApi = openApi();
    ScanEndpoint scan = new ScanEndpoint(firewall, selection, maxMessages, config.maxContentChars(), deadline);
    ModerationEndpoint moderations = new ModerationEndpoint(moderation, metrics, maxMessages, deadline,
        moderationConcurrency);
    CodeScanEndpoint code = new CodeScanEndpoint(codeShield, metrics);
    this.routes = List.of(
        new Route("POST", "/v1/scan", true, true, scan),
        new Route("POST", "/v1/moderations", true, true, moderations),
        new Route("POST", "/v1/code/scan", true, true, code),
        new Route("GET", "/healthz", false, false, HealthEndpoints::health),
        new Route("GET", "/readyz", false, false, call -> HealthEndpoints.readiness(call, readiness)),
        new Route("GET", "/metrics", true, false,
            call -> call.respond(200, "text/plain; version=0.0.4", metrics.scrape().getBytes(StandardCharsets.UTF_8))),
        new Route("GET", "/openapi.json", false, false, call -> call.respond(200, "application/json", openApi)));
  }

  public List<Route> routes() {
    return routes;
  }

  static byte[] openApi() {
    try (InputStream in = Endpoints.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    selection.close();
  }
}
