package dev.bulwark.core;

import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.Map;

/**
 * The scanner types a firewall can build, by name. Discovered through {@link ServiceLoader} and extensible in code;
 * a second provider under a taken name is an error, never a silent overwrite.
 */
public final class ScannerRegistry {
  private final Map<String, ScannerProvider> providers = new TreeMap<>();

  /** An empty registry, for building firewalls only from scanners registered in code. */
  public static ScannerRegistry empty() {
    return new ScannerRegistry();
  }

  /**
   * Every provider on the class path. The first call also keeps DJL from probing for a GPU when a classifier scanner
   * loads its tokenizer (see docs/DEPENDENCIES.md; {@code -Dbulwark.djl.gpu-probe=true} keeps DJL's own detection).
   */
  public static ScannerRegistry discover() {
    return discover(Thread.currentThread().getContextClassLoader());
  }

  public static ScannerRegistry discover(ClassLoader loader) {
    DjlGpuProbe.skipUnlessAsked(loader);
    ScannerRegistry registry = new ScannerRegistry();
    try {
      for (ScannerProvider p : ServiceLoader.load(ScannerProvider.class, loader)) {
        registry.register(p);
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("a scanner provider on the class path could not be loaded: " + e.getMessage(), e);
    }
    return registry;
  }

  /** Adds a provider; throws when the name is taken. */
  public synchronized ScannerRegistry register(ScannerProvider provider) {
    ScannerProvider previous = providers.putIfAbsent(provider.name(), provider);
    if (previous != null && previous != provider) {
      throw new IllegalArgumentException("two scanner providers are named '" + provider.name() + "': "
          + previous.getClass().getName() + " and " + provider.getClass().getName());
    }
    return this;
  }

  public synchronized Optional<ScannerProvider> find(String name) {
    return Optional.ofNullable(providers.get(name));
  }

  public synchronized Collection<ScannerProvider> all() {
    return Collections.unmodifiableCollection(new java.util.ArrayList<>(providers.values()));
  }

  public synchronized String names() {
    return String.join(", ", providers.keySet());
  }
}
