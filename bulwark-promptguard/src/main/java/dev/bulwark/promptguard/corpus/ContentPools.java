package dev.bulwark.promptguard.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The hand-written content of the corpus, read from the sectioned text files next to this class:
 * {@code ## <part> <lang> <split>} headers, one item per line, {@code \n} for a line break.
 */
public final class ContentPools {
  private final Map<String, List<String>> pools = new TreeMap<>();

  public static ContentPools load(String... resources) {
    ContentPools p = new ContentPools();
    for (String r : resources) {
      p.read(r);
    }
    return p;
  }

  private void read(String resource) {
    try (InputStream in = ContentPools.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("corpus resource missing: " + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String key = null;
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.startsWith("## ")) {
          String[] h = line.substring(3).trim().split("\\s+");
          if (h.length != 3) {
            throw new IllegalStateException(resource + ":" + n + ": expected '## <part> <lang> <split>'");
          }
          key = String.join(" ", h);
          pools.computeIfAbsent(key, k -> new ArrayList<>());
        } else if (!line.isBlank() && !line.startsWith("#")) {
          if (key == null) {
            throw new IllegalStateException(resource + ":" + n + ": item before any section header");
          }
          pools.get(key).add(line.replace("\\n", "\n"));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read corpus resource " + resource, e);
    }
  }

  /** Items of a part, language and split; empty when there are none. */
  public List<String> get(String part, String lang, String split) {
    return pools.getOrDefault(part + " " + lang + " " + split, List.of());
  }

  /** Every section header, as {@code part lang split}, in sorted order. */
  public Set<String> sections() {
    return new TreeSet<>(pools.keySet());
  }

  /** Languages that have items of {@code part} in {@code split}. */
  public Set<String> languages(String part, String split) {
    Set<String> out = new TreeSet<>();
    for (String k : pools.keySet()) {
      String[] h = k.split(" ");
      if (h[0].equals(part) && h[2].equals(split) && !pools.get(k).isEmpty()) {
        out.add(h[1]);
      }
    }
    return out;
  }
}
