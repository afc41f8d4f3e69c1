package dev.bulwark.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configuration value with the place it came from, so that every validation error can point at a file and line.
 * Built from YAML by {@link FirewallConfig}, or from plain Java maps and lists for configuration in code.
 */
public sealed interface ConfigNode permits ConfigNode.Scalar, ConfigNode.Sequence, ConfigNode.Mapping {

  Location location();

  /** Where a value was written: a file (or "code") and a 1-based line and column; line 0 when unknown. */
  record Location(String source, int line, int column) {
    public static Location inCode(String what) {
      return new Location(what, 0, 0);
    }

    @Override
    public String toString() {
      return line <= 0 ? source : source + ":" + line + ":" + column;
    }
  }

  /** A string, number, boolean or null (YAML {@code ~} or nothing). */
  record Scalar(String value, Location location) implements ConfigNode {
    public boolean isNull() {
      return value == null;
    }
  }

  record Sequence(List<ConfigNode> items, Location location) implements ConfigNode {
    public Sequence {
      items = List.copyOf(items);
    }
  }

  /** A mapping with string keys in file order; {@code keyLocations} point at the keys themselves. */
  record Mapping(Map<String, ConfigNode> entries, Map<String, Location> keyLocations, Location location)
      implements ConfigNode {
    public Mapping {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
      keyLocations = Map.copyOf(keyLocations);
    }

    public static Mapping empty(Location location) {
      return new Mapping(Map.of(), Map.of(), location);
    }

    public ConfigNode get(String key) {
      return entries.get(key);
    }

    public Location keyLocation(String key) {
      return keyLocations.getOrDefault(key, location);
    }
  }

  /** What kind of value this is, for error messages. */
  default String kind() {
    if (this instanceof Mapping) {
      return "a mapping";
    }
    if (this instanceof Sequence) {
      return "a list";
    }
    return ((Scalar) this).isNull() ? "empty" : "'" + ((Scalar) this).value() + "'";
  }

  /** Wraps plain Java values (maps, lists, strings, numbers, booleans, null) configured in code. */
  static ConfigNode fromJava(Object value, Location location) {
    if (value instanceof ConfigNode node) {
      return node;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, ConfigNode> entries = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        entries.put(String.valueOf(e.getKey()), fromJava(e.getValue(), location));
      }
      return new Mapping(entries, Map.of(), location);
    }
    if (value instanceof Iterable<?> list) {
      List<ConfigNode> items = new ArrayList<>();
      for (Object o : list) {
        items.add(fromJava(o, location));
      }
      return new Sequence(items, location);
    }
    return new Scalar(value == null ? null : String.valueOf(value), location);
  }
}
