package dev.bulwark.springai;

import dev.bulwark.core.FirewallResult;
import java.time.Duration;

/** Told about every scan {@link BulwarkAdvisor} makes: the auto-configuration records them as Micrometer metrics. */
@FunctionalInterface
public interface VerdictListener {
  VerdictListener NONE = (direction, result, took) -> {};

  void onVerdict(Direction direction, FirewallResult result, Duration took);
}
