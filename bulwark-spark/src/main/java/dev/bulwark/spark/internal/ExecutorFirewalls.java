package dev.bulwark.spark.internal;

import dev.bulwark.core.Firewall;
import dev.bulwark.spark.FirewallSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One firewall per JVM and configuration: built on first use by whichever task needs it, then shared by every task
 * and thread of the executor, so models load once per executor rather than once per partition or row. Closed when
 * the JVM exits.
 */
public final class ExecutorFirewalls {
  private static final Map<FirewallSource, Firewall> FIREWALLS = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ExecutorFirewalls::closeAll, "bulwark-firewalls-close"));
  }

  private ExecutorFirewalls() {}

  /**
   * The firewall for {@code source}, built now if this JVM has none yet. A build failure (an unknown scanner, a
   * missing model file on this executor) is thrown to the task with what is missing, and the next task tries again.
   */
  public static Firewall get(FirewallSource source) {
    return FIREWALLS.computeIfAbsent(source, FirewallSource::build);
  }

  /** How many firewalls this JVM has built and holds (one per distinct configuration). */
  public static int count() {
    return FIREWALLS.size();
  }

  private static void closeAll() {
    FIREWALLS.values().forEach(Firewall::close);
    FIREWALLS.clear();
  }
}
