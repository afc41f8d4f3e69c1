package dev.bulwark.server.metrics;

import dev.bulwark.core.FirewallResult;
import dev.bulwark.core.ScanResult;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/** The metric families the server exports (names listed in docs/HTTP-API.md). */
public final class ServerMetrics {
  private final Metrics registry = new Metrics();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger openConnections = new AtomicInteger();

  public final Counter requests = registry.counter("bulwark_http_requests_total",
      "HTTP requests answered, by endpoint and status code.", "endpoint", "code");
  public final Histogram latency = registry.latency("bulwark_http_request_duration_seconds",
      "Time from accepting a request to the end of its answer, queueing included, by endpoint.", "endpoint");
  public final Counter rejected = registry.counter("bulwark_http_rejected_total",
      "Requests refused before doing their work, by reason (overloaded, shutting_down, payload_too_large,"
          + " unauthorized, forbidden, rate_limited, timeout, request_timeout, headers_too_large, uri_too_long).", "reason");
  public final Counter limitHits = registry.counter("bulwark_http_limit_hits_total",
      "Connections cut off or refused by a transport limit: header_timeout, body_timeout, idle_timeout,"
          + " request_time, header_size, body_size, max_connections, tls_handshake; HTTP/2 only: max_streams,"
          + " rapid_reset.", "limit");
  public final Counter protocolRequests = registry.counter("bulwark_http_protocol_requests_total",
      "Requests read whole, by protocol: http/1.1, h2c (HTTP/2 on a plain port) or h2 (HTTP/2 over TLS).",
      "protocol");
  public final Counter connections = registry.counter("bulwark_http_connections_total",
      "Connections accepted (refused ones included).");
  public final Counter lingeringBytes = registry.counter("bulwark_http_discarded_bytes_total",
      "Request bytes read and dropped after an early answer (413 and other refusals), so the client reads it.");
  public final Counter clientAborts = registry.counter("bulwark_http_client_aborts_total",
      "Requests whose client disconnected or stopped sending before the answer, by endpoint.", "endpoint");
  public final Counter rateLimited = registry.counter("bulwark_http_rate_limited_total",
      "Requests refused with 429 because their API key was over its quota, by key id.", "key");
  public final Counter decisions = registry.counter("bulwark_decisions_total",
      "Firewall decisions reached by /v1/scan and the gateway (its requests and answers).", "decision");
  public final Histogram scannerLatency = registry.latency("bulwark_scanner_duration_seconds",
      "Time each scanner took for one message in /v1/scan and the gateway.", "scanner");
  public final Counter scannerResults = registry.counter("bulwark_scanner_results_total",
      "Scanner verdicts in /v1/scan and the gateway, by scanner, decision and status (success, error, timeout, skipped).",
      "scanner", "decision", "status");
  public final Counter moderations = registry.counter("bulwark_moderation_results_total",
      "Items judged by /v1/moderations, by whether they were flagged.", "flagged");
  public final Counter codeScans = registry.counter("bulwark_code_scan_results_total",
      "Code Shield results of /v1/code/scan, by treatment (ignore, warn, block).", "treatment");

  public ServerMetrics(IntSupplier queued, IntSupplier ready) {
    registry.gauge("bulwark_http_in_flight_requests", "Requests being worked on now.", inFlight::get);
    registry.gauge("bulwark_http_queued_requests", "Requests waiting for a request thread.", queued::getAsInt);
    registry.gauge("bulwark_http_open_connections", "Connections open now.", openConnections::get);
    registry.gauge("bulwark_ready", "1 once the models are loaded and warmed up, 0 before and while draining.",
        ready::getAsInt);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    registry.gauge("jvm_memory_heap_used_bytes", "Heap in use.", () -> memory.getHeapMemoryUsage().getUsed());
    registry.gauge("jvm_memory_nonheap_used_bytes", "Non-heap memory in use (metaspace, code cache).",
        () -> memory.getNonHeapMemoryUsage().getUsed());
    registry.gauge("jvm_threads_live", "Live JVM threads.", () -> ManagementFactory.getThreadMXBean().getThreadCount());
    registry.gauge("process_resident_memory_bytes", "Resident set size of the server process (Linux), else -1.",
        ResidentMemory::bytes);
  }

  public AtomicInteger inFlight() {
    return inFlight;
  }

  /** Connections open now; the transport keeps it (and enforces its limit with it). */
  public AtomicInteger openConnections() {
    return openConnections;
  }

  /** Records a firewall verdict: the decision and each scanner's time and verdict. */
  public void recordScan(FirewallResult result) {
    decisions.inc(result.decision().id());
    for (ScanResult r : result.results()) {
      scannerLatency.observeNanos(r.elapsed().toNanos(), r.scanner());
      scannerResults.inc(r.scanner(), r.decision().id(), r.status().id());
    }
  }

  public String scrape() {
    return registry.scrape();
  }
}
