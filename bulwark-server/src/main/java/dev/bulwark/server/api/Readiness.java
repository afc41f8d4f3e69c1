package dev.bulwark.server.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether the server should receive traffic: not before its models are loaded and warmed up, not while it drains.
 * Components report their state as text ({@code ready}, {@code not_configured}, {@code error: ...}).
 */
public final class Readiness {
  /** Where the server is in its life. */
  public enum Phase { WARMING_UP, READY, DRAINING }

  private volatile Phase phase = Phase.WARMING_UP;
  private final Map<String, String> components = new LinkedHashMap<>();

  public Phase phase() {
    return phase;
  }

  public void phase(Phase p) {
    phase = p;
  }

  public boolean ready() {
    return phase == Phase.READY;
  }

  public synchronized void component(String name, String state) {
    components.put(name, state);
  }

  public synchronized Map<String, String> components() {
    return new LinkedHashMap<>(components);
  }
}
