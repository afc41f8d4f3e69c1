package dev.bulwark.server.http;

import dev.bulwark.server.ApiKey;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** One token bucket per API key with a quota: how many requests each key may still make now. */
final class Quotas {
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * Takes one request from the key's bucket.
   *
   * @return 0 when the request may go on, else the nanoseconds until the bucket holds a request again
   */
  long take(ApiKey key, long nowNanos) {
    ApiKey.Quota quota = key.quota();
    if (quota == null) {
      return 0;
    }
    return buckets.computeIfAbsent(key.id(), id -> new Bucket(quota, nowNanos)).take(nowNanos);
  }

  /** Starts full; refills continuously at the quota's rate, never above its burst. */
  private static final class Bucket {
    private final double perNano;
    private final double capacity;
    private double tokens;
    private long last;

    Bucket(ApiKey.Quota quota, long now) {
      this.perNano = quota.perSecond() / 1e9;
      this.capacity = quota.burst();
      this.tokens = capacity;
      this.last = now;
    }

    synchronized long take(long now) {
      tokens = Math.min(capacity, tokens + (now - last) * perNano);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) / perNano));
    }
  }
}
