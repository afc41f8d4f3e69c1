package dev.bulwark.architecture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The declared exports of every module (exports.txt): which packages of a module other modules may use. A module is
 * named by the package segment after {@code base} ({@code dev.bulwark.core} is module {@code core}).
 */
final class ModuleExports {
  private final String base;
  private final Map<String, Set<String>> exported;
  private final Set<String> readersOfInternals;
  private final Set<String> allowedLeaks;

  ModuleExports(
      String base, Map<String, Set<String>> exported, Set<String> readersOfInternals, Set<String> allowedLeaks) {
    this.base = base;
    this.exported = exported;
    this.readersOfInternals = readersOfInternals;
    this.allowedLeaks = allowedLeaks;
  }

  /** The production declaration, from the test class path resource {@code exports.txt}. */
  static ModuleExports declared() {
    try (InputStream in = ModuleExports.class.getResourceAsStream("/exports.txt")) {
      if (in == null) {
        throw new IllegalStateException("exports.txt is missing from the test class path");
      }
      return parse("dev.bulwark", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read exports.txt", e);
    }
  }

  static ModuleExports parse(String base, String text) {
    Map<String, Set<String>> exported = new LinkedHashMap<>();
    Set<String> readers = new LinkedHashSet<>();
    Set<String> leaks = new LinkedHashSet<>();
    String section = null;
    int lineNo = 0;
    for (String raw : text.split("\n")) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[")) {
        section = line;
        continue;
      }
      String[] words = line.split("\\s+");
      if ("[exports]".equals(section)) {
        Set<String> packages = new LinkedHashSet<>();
        packages.add(base + "." + words[0]);
        for (int i = 1; i < words.length; i++) {
          packages.add(base + "." + words[0] + "." + words[i]);
        }
        if (exported.put(words[0], packages) != null) {
          throw new IllegalArgumentException("exports.txt line " + lineNo + ": module " + words[0] + " declared twice");
        }
      } else if ("[reads internals]".equals(section) && words.length == 1) {
        readers.add(words[0]);
      } else if ("[allowed leaks]".equals(section) && words.length == 1) {
        leaks.add(words[0]);
      } else {
        throw new IllegalArgumentException("exports.txt line " + lineNo + ": not understood: " + line);
      }
    }
    return new ModuleExports(base, exported, readers, leaks);
  }

  /** The module of a package or class name under the base package, or null outside it. */
  String moduleOf(String name) {
    if (!name.startsWith(base + ".")) {
      return null;
    }
    String rest = name.substring(base.length() + 1);
    int dot = rest.indexOf('.');
    return dot < 0 ? null : rest.substring(0, dot);
  }

  boolean isDeclared(String module) {
    return exported.containsKey(module) || readersOfInternals.contains(module);
  }

  Set<String> modules() {
    Set<String> all = new LinkedHashSet<>(exported.keySet());
    all.addAll(readersOfInternals);
    return all;
  }

  /** The public members (e.g. {@code a.b.C$Builder.filter}) allowed to show internal types, each with a reason. */
  Set<String> allowedLeaks() {
    return allowedLeaks;
  }

  boolean readsInternals(String module) {
    return readersOfInternals.contains(module);
  }

  /** True when {@code packageName} is exported: its module's root exactly, or a declared subpackage or below it. */
  boolean isExported(String packageName) {
    String module = moduleOf(packageName + ".X");
    Set<String> packages = module == null ? null : exported.get(module);
    if (packages == null) {
      return false;
    }
    String root = base + "." + module;
    for (String p : packages) {
      boolean inside = packageName.equals(p) || (!p.equals(root) && packageName.startsWith(p + "."));
      if (inside) {
        return true;
      }
    }
    return false;
  }

  /** The packages {@code module} exports, for messages. */
  List<String> exportsOf(String module) {
    return new ArrayList<>(exported.getOrDefault(module, Set.of()));
  }
}
