package dev.bulwark.server;

import java.util.Objects;
import java.util.Set;

/**
 * What one API key may do. The key itself is never kept: only its digest (in {@link ApiKeys}) and this.
 *
 * @param id the name logs, the audit log and metrics use for the key (given in the key file, else derived from the
 *     key's digest); never the key
 * @param quota its request rate, or null for no limit
 * @param endpoints the paths it may call (e.g. {@code /v1/scan}); empty: every authenticated endpoint
 */
public record ApiKey(String id, Quota quota, Set<String> endpoints) {
  public ApiKey {
    Objects.requireNonNull(id, "id");
    endpoints = Set.copyOf(endpoints);
  }

  /** Whether this key may call {@code path}. */
  public boolean allows(String path) {
    return endpoints.isEmpty() || endpoints.contains(path);
  }

  /**
   * A token bucket: {@code perSecond} requests a second on average, up to {@code burst} at once.
   *
   * @param perSecond tokens added per second (more than 0)
   * @param burst the bucket's size (at least 1)
   */
  public record Quota(double perSecond, int burst) {
    public Quota {
      if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
        throw new IllegalArgumentException("a quota's rate must be a positive number of requests per second, got "
            + perSecond);
      }
      if (burst < 1) {
        throw new IllegalArgumentException("a quota's burst must be at least 1, got " + burst);
      }
    }
  }
}
