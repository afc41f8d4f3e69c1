package dev.bulwark.springai.internal;

import dev.bulwark.core.FirewallResult;
import dev.bulwark.core.ScanResult;
import dev.bulwark.springai.Direction;
import dev.bulwark.springai.VerdictListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Advisor verdicts as Micrometer meters: {@code bulwark.scan} (timer; tags direction, decision) and
 * {@code bulwark.scanner} (timer per scanner; tags scanner, decision, status).
 */
public final class MicrometerVerdicts implements VerdictListener {
  private final MeterRegistry registry;

  public MicrometerVerdicts(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onVerdict(Direction direction, FirewallResult result, Duration took) {
    Timer.builder("bulwark.scan")
        .description("Bulwark firewall scans made by the ChatClient advisor")
        .tag("direction", direction.id())
        .tag("decision", result.decision().id())
        .register(registry)
        .record(took);
    for (ScanResult r : result.results()) {
      Timer.builder("bulwark.scanner")
          .description("Time of each Bulwark scanner within the advisor's scans")
          .tag("scanner", r.scanner())
          .tag("decision", r.decision().id())
          .tag("status", r.status().id())
          .register(registry)
          .record(r.elapsed());
    }
  }
}
