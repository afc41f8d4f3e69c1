package dev.bulwark.codeshield.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.codeshield.CodeShield;
import dev.bulwark.codeshield.CodeShieldResult;
import dev.bulwark.codeshield.Language;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The team's own realistic snippets ({@code handwritten/<language>/<name>.<ext>}, written for the taint work): each
 * file says in a comment on its first lines whether it is {@code insecure} (and the CWE) or a {@code secure}
 * look-alike. Recall on the insecure ones and the pass rate on the secure ones must stay at their level. These were
 * written while the rules were built, so they are a regression guard, not a held-out measurement.
 */
class HandWrittenSnippetsTest {
  private record Outcome(String file, boolean insecure, boolean flagged) {}

  @Test
  void insecureSnippetsAreFlaggedAndSecureLookAlikesPass() throws Exception {
    CodeShield shield = CodeShield.create();
    List<Outcome> outcomes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root())) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        String text = Files.readString(p, StandardCharsets.UTF_8);
        String expect = text.lines().limit(2).filter(l -> l.contains("expect:")).findFirst()
            .orElseThrow(() -> new AssertionError(p + " has no 'expect:' line"));
        boolean insecure = expect.contains("expect: insecure");
        assertThat(insecure || expect.contains("expect: secure")).as(p.toString()).isTrue();
        CodeShieldResult r = shield.scan(text, Language.parse(p.getParent().getFileName().toString()));
        outcomes.add(new Outcome(p.getParent().getFileName() + "/" + p.getFileName(), insecure, r.insecure()));
      }
    }
    Map<String, int[]> byLanguage = new TreeMap<>();
    for (Outcome o : outcomes) {
      int[] c = byLanguage.computeIfAbsent(o.file().substring(0, o.file().indexOf('/')), k -> new int[4]);
      c[o.insecure() ? 0 : 2]++;
      if (o.insecure() == o.flagged()) {
        c[o.insecure() ? 1 : 3]++;
      }
    }
    byLanguage.forEach((lang, c) -> System.out.printf(Locale.ROOT, "%-12s insecure %2d/%2d  secure passed %2d/%2d%n",
        lang, c[1], c[0], c[3], c[2]));
    long insecure = outcomes.stream().filter(Outcome::insecure).count();
    long found = outcomes.stream().filter(o -> o.insecure() && o.flagged()).count();
    long secure = outcomes.size() - insecure;
    long passed = outcomes.stream().filter(o -> !o.insecure() && !o.flagged()).count();
    assertThat(insecure).isGreaterThanOrEqualTo(30);
    assertThat(secure).isGreaterThanOrEqualTo(30);
    List<String> wrong = outcomes.stream().filter(o -> o.insecure() != o.flagged())
        .map(o -> (o.insecure() ? "missed " : "flagged ") + o.file()).toList();
    // The goals: recall >= 0.85 on insecure snippets, >= 0.95 of secure look-alikes passed.
    assertThat((double) found / insecure).as("recall; wrong: %s", wrong).isGreaterThanOrEqualTo(0.85);
    assertThat((double) passed / secure).as("secure passed; wrong: %s", wrong).isGreaterThanOrEqualTo(0.95);
  }

  private static Path root() throws URISyntaxException {
    return Path.of(HandWrittenSnippetsTest.class.getResource("/dev/bulwark/codeshield/handwritten").toURI());
  }
}
