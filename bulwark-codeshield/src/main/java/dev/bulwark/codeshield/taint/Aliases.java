package dev.bulwark.codeshield.taint;

import dev.bulwark.codeshield.Language;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Import renames, so a sink written as {@code os.system} also matches {@code import os as o; o.system(x)}: Python
 * {@code import m as a} and {@code from m import f [as a]}, Go {@code import a "path/m"}, Rust {@code use p::T as A},
 * and JavaScript {@code const a = require('m')}. Read from the block with comments blanked (strings kept: the module
 * name of a require is a string).
 */
final class Aliases {
  private static final Pattern PY_IMPORT_AS = Pattern.compile("^[ \\t]*import[ \\t]+([\\w.]+)[ \\t]+as[ \\t]+(\\w+)", Pattern.MULTILINE);
  private static final Pattern PY_FROM = Pattern.compile("^[ \\t]*from[ \\t]+([\\w.]+)[ \\t]+import[ \\t]+\\(?([\\w ,\\t]+)", Pattern.MULTILINE);
  private static final Pattern GO_IMPORT = Pattern.compile("(?:^|\\bimport)[ \\t]*(\\w+)[ \\t]+\"(?:[\\w.\\-]+/)*([\\w.\\-]+)\"", Pattern.MULTILINE);
  private static final Pattern RUST_USE = Pattern.compile("(?:::|\\{|,|\\buse)[ \\t]*(\\w+)[ \\t]+as[ \\t]+(\\w+)");
  private static final Pattern JS_REQUIRE = Pattern.compile(
      "\\b(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)\\s*=\\s*require\\s*\\(\\s*['\"`](?:node:)?([\\w/.\\-]+)['\"`]\\s*\\)");
  private static final Pattern JS_IMPORT = Pattern.compile(
      "\\bimport\\s+(?:\\*\\s+as\\s+)?([A-Za-z_$][\\w$]*)\\s+from\\s+['\"](?:node:)?([\\w/.\\-]+)['\"]");

  /** Alias → what it stands for. */
  private final Map<String, String> names;
  private final Pattern uses;

  /** @param calls whether an alias may be called directly ({@code run(x)}), not only used as a module ({@code cp.exec}) */
  private Aliases(Map<String, String> names, boolean calls) {
    this.names = names;
    this.uses = names.isEmpty() ? null : Pattern.compile("(?<![\\w$.])(" + String.join("|",
        names.keySet().stream().map(Pattern::quote).toList()) + (calls ? ")(?=\\s*[.(])" : ")(?=\\s*\\.)"));
  }

  static Aliases of(Language language, String code) {
    Map<String, String> names = new LinkedHashMap<>();
    switch (language) {
      case PYTHON -> {
        Matcher m = PY_IMPORT_AS.matcher(code);
        while (m.find()) {
          put(names, m.group(2), m.group(1));
        }
        m = PY_FROM.matcher(code);
        while (m.find()) {
          for (String item : m.group(2).split(",")) {
            String[] parts = item.trim().split("\\s+as\\s+");
            if (!parts[0].isEmpty() && parts[0].matches("\\w+")) {
              put(names, parts.length > 1 ? parts[1].trim() : parts[0], m.group(1) + "." + parts[0]);
            }
          }
        }
      }
      case GO -> {
        Matcher m = GO_IMPORT.matcher(code);
        while (m.find()) {
          put(names, m.group(1), m.group(2));
        }
      }
      case RUST -> {
        Matcher m = RUST_USE.matcher(code);
        while (m.find()) {
          put(names, m.group(2), m.group(1));
        }
      }
      case JAVASCRIPT, TYPESCRIPT -> {
        for (Pattern p : new Pattern[] {JS_REQUIRE, JS_IMPORT}) {
          Matcher m = p.matcher(code);
          while (m.find()) {
            put(names, m.group(1), m.group(2).substring(m.group(2).lastIndexOf('/') + 1).replace('-', '_'));
          }
        }
      }
      default -> { }
    }
    // A required module is an object (cp.exec); a required function (escapeHtml) keeps its own name.
    return new Aliases(names, language != Language.JAVASCRIPT && language != Language.TYPESCRIPT);
  }

  private static void put(Map<String, String> names, String alias, String target) {
    if (!alias.equals(target) && names.size() < 256) {
      names.put(alias, target);
    }
  }

  boolean isEmpty() {
    return names.isEmpty();
  }

  /** {@code text} with every use of an alias (before {@code .} or {@code (}) replaced by what it stands for. */
  String expand(String text) {
    if (uses == null) {
      return text;
    }
    Matcher m = uses.matcher(text);
    StringBuilder sb = new StringBuilder(text.length() + 16);
    boolean changed = false;
    while (m.find()) {
      changed = true;
      m.appendReplacement(sb, Matcher.quoteReplacement(names.get(m.group(1))));
    }
    if (!changed) {
      return text;
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
