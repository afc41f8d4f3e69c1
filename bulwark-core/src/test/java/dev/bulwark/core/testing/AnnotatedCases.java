package dev.bulwark.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads rule test files in the semgrep convention: a line {@code # ruleid: ID} announces that the next line must make
 * rule ID fire; {@code # ok: ID} that it must not. Other {@code #} lines are comments. Case text may use the escapes
 * {@code \n}, {@code \t}, {@code \\} and {@code \\u{XXXX}}, so invisible characters stay visible in the file.
 */
public final class AnnotatedCases {
  /** One annotated case. */
  public record Case(String file, int line, boolean mustFire, String rule, String text) {
    @Override
    public String toString() {
      return (mustFire ? "ruleid " : "ok ") + rule + " @ " + file + ":" + line;
    }
  }

  private AnnotatedCases() {}

  /** Checks one case against the rule ids a scanner reported for its text. */
  public static void check(Case c, java.util.Collection<String> fired) {
    if (c.mustFire()) {
      org.assertj.core.api.Assertions.assertThat(fired).as("rules fired on %s", c).contains(c.rule());
    } else {
      org.assertj.core.api.Assertions.assertThat(fired).as("rules fired on %s", c).doesNotContain(c.rule());
    }
  }

  /** Every rule has at least one case that must fire and one that must not; no case names an unknown rule. */
  public static void checkCoverage(List<Case> cases, java.util.Collection<String> ruleIds) {
    for (String id : ruleIds) {
      org.assertj.core.api.Assertions.assertThat(cases).as("positive case for %s", id).anyMatch(c -> c.mustFire() && c.rule().equals(id));
      org.assertj.core.api.Assertions.assertThat(cases).as("negative case for %s", id).anyMatch(c -> !c.mustFire() && c.rule().equals(id));
    }
    org.assertj.core.api.Assertions.assertThat(cases).as("cases naming unknown rules").allMatch(c -> ruleIds.contains(c.rule()));
  }

  /** The rule ids of a scan's findings. */
  public static java.util.Set<String> rulesOf(dev.bulwark.core.ScanResult result) {
    return result.findings().stream().map(dev.bulwark.core.Finding::rule).collect(java.util.stream.Collectors.toSet());
  }

  public static List<Case> fromResource(Class<?> anchor, String resource) {
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<Case> parse(String file, String content) {
    List<Case> cases = new ArrayList<>();
    String[] lines = content.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      boolean fire = line.startsWith("# ruleid:");
      boolean ok = line.startsWith("# ok:");
      if (!fire && !ok) {
        continue;
      }
      String rule = line.substring(line.indexOf(':') + 1).trim();
      if (i + 1 >= lines.length || lines[i + 1].isBlank() || lines[i + 1].startsWith("#")) {
        throw new IllegalStateException(file + ":" + (i + 1) + ": annotation without a case on the next line");
      }
      cases.add(new Case(file, i + 2, fire, rule, unescape(lines[i + 1])));
    }
    return cases;
  }

  static String unescape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        b.append(c);
        continue;
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case '\\' -> b.append('\\');
        case 'u' -> {
          int close = s.indexOf('}', i);
          b.appendCodePoint(Integer.parseInt(s.substring(i + 2, close), 16));
          i = close;
        }
        default -> b.append('\\').append(n);
      }
    }
    return b.toString();
  }
}
