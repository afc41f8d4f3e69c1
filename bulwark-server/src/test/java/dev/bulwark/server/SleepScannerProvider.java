package dev.bulwark.server;

import dev.bulwark.core.Cost;
import dev.bulwark.core.Decision;
import dev.bulwark.core.FailureMode;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerSettings;
import dev.bulwark.core.ScannerSpec;
import dev.bulwark.core.Setting;
import dev.bulwark.core.Trace;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code test-sleep}: a real scanner (found through the provider SPI like any other) that takes {@code millis} per
 * message, so tests can fill the server's queue, pass its deadline and shut it down mid-request.
 */
public final class SleepScannerProvider implements ScannerProvider {
  static final Setting<Integer> MILLIS = Setting.integer("millis", 0, 60_000, "how long each scan sleeps").byDefault(200);
  static final ScannerSpec SPEC = new ScannerSpec("test-sleep",
      "test scanner that sleeps, then allows (blocks messages containing 'sleepy-block')", EnumSet.allOf(Role.class),
      Cost.MODERATE, FailureMode.OPEN, List.of(MILLIS));

  @Override
  public ScannerSpec spec() {
    return SPEC;
  }

  @Override
  public Scanner create(ScannerSettings settings) {
    int millis = settings.get(MILLIS);
    return new Scanner() {
      @Override
      public String name() {
        return settings.instanceName();
      }

      @Override
      public Set<Role> roles() {
        return SPEC.roles();
      }

      @Override
      public Cost cost() {
        return SPEC.cost();
      }

      @Override
      public ScanResult scan(Message message, Trace context) {
        try {
          Thread.sleep(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return message.content().contains("sleepy-block")
            ? ScanResult.of(name(), Decision.BLOCK, 0.9, "sleepy block", List.of())
            : ScanResult.allow(name(), 0.1, "slept " + millis + " ms");
      }
    };
  }
}
