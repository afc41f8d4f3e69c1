package dev.bulwark.server.api;

import dev.bulwark.core.ConfigException;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallConfig;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScannerBinding;
import dev.bulwark.core.ScannerRegistry;
import dev.bulwark.server.http.ApiException;
import dev.bulwark.server.http.ErrorType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;

/**
 * Firewalls for requests that name their own {@code scanners}: every role runs exactly those scanners. Scanner
 * instances are the server's own (built once at start for the configured roles); a scanner the configuration does
 * not bind to any role is built on first use, once, and kept. The small firewall for each distinct list is cached.
 */
final class ScannerSelection implements AutoCloseable {
  private static final int MAX_CACHED_SELECTIONS = 256;

  private final FirewallConfig config;
  private final FirewallConfig noRoles;
  private final ScannerRegistry registry;
  private final ExecutorService executor;
  private final Map<String, ScannerBinding> bindings = new LinkedHashMap<>();
  private final Map<String, String> unavailable = new LinkedHashMap<>();
  private final List<Firewall> owned = new ArrayList<>();
  private final Map<List<String>, Firewall> cache = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<List<String>, Firewall> eldest) {
      return size() > MAX_CACHED_SELECTIONS;
    }
  };

  ScannerSelection(Firewall firewall, FirewallConfig config, ScannerRegistry registry, ExecutorService executor) {
    this.config = config;
    this.registry = registry;
    this.executor = executor;
    FirewallConfig c = config;
    for (Role role : Role.values()) {
      c = c.withRole(role, List.of());
      for (ScannerBinding b : firewall.scanners(role)) {
        bindings.putIfAbsent(b.name(), b);
      }
    }
    this.noRoles = c;
  }

  /** Every scanner name a request may give: the configured instances and every scanner type on the class path. */
  synchronized Set<String> names() {
    Set<String> names = new TreeSet<>(bindings.keySet());
    names.addAll(config.scanners().keySet());
    registry.all().forEach(p -> names.add(p.name()));
    return names;
  }

  /**
   * The firewall that runs exactly {@code names} for every role.
   *
   * @throws ApiException 422 for a name that is not a scanner, or a scanner that cannot run here
   */
  synchronized Firewall firewallFor(List<String> names) {
    Firewall cached = cache.get(names);
    if (cached != null) {
      return cached;
    }
    List<ScannerBinding> chosen = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      chosen.add(binding(names.get(i), "scanners[" + i + "]"));
    }
    Firewall.Builder b = Firewall.builder().registry(ScannerRegistry.empty()).config(noRoles).executor(executor);
    for (Role role : Role.values()) {
      for (ScannerBinding s : chosen) {
        b.add(role, s.scanner(), s.failureMode(), s.deadline());
      }
    }
    Firewall fw = b.build();
    cache.put(List.copyOf(names), fw);
    return fw;
  }

  private ScannerBinding binding(String name, String where) {
    ScannerBinding known = bindings.get(name);
    if (known != null) {
      return known;
    }
    String reason = unavailable.get(name);
    if (reason == null) {
      if (!names().contains(name)) {
        throw new ApiException(ErrorType.INVALID_REQUEST, where + ": unknown scanner '" + excerpt(name)
            + "'; available: " + String.join(", ", names()));
      }
      try {
        Firewall single = Firewall.builder().registry(registry).config(config.withRole(Role.USER, List.of(name)))
            .onlyRoles(Set.of(Role.USER)).allowMissingScanners(false).build();
        owned.add(single);
        ScannerBinding built = single.scanners(Role.USER).get(0);
        bindings.put(name, built);
        return built;
      } catch (ConfigException e) {
        reason = e.getMessage();
        unavailable.put(name, reason);
      }
    }
    throw new ApiException(ErrorType.INVALID_REQUEST, where + ": scanner '" + name + "' cannot run on this server: "
        + reason);
  }

  private static String excerpt(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }

  @Override
  public synchronized void close() {
    cache.values().forEach(Firewall::close);
    cache.clear();
    owned.forEach(Firewall::close);
    owned.clear();
  }
}
