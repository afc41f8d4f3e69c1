package dev.bulwark.codeshield.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.codeshield.Language;
import dev.bulwark.codeshield.text.LexicalSyntax;
import dev.bulwark.text.LineIndex;
import dev.bulwark.codeshield.text.SourceMask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class GatedPatternTest {
  @Test
  void findsWhatAPlainFindFindsForEveryRuleOnEveryExampleFile() throws Exception {
    Path root = RuleExamplesTest.rulesRoot();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".yaml")).toList();
    }
    StringBuilder all = new StringBuilder();
    for (Path f : files) {
      all.append(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1)).append('\n');
    }
    int compared = 0;
    for (Rule r : RuleLoader.builtIn()) {
      for (Pattern p : patternsOf(r)) {
        Language lang = r.isLanguageAgnostic() ? null : r.languages().iterator().next();
        SourceMask mask = SourceMask.of(all.toString(), LexicalSyntax.of(lang));
        BlockText block = new BlockText(mask, s -> null);
        String view = block.view(r.view());
        assertThat(gated(GatedPattern.of(p), view, block.index(r.view()), block.lines()))
            .as("%s: %s", r.id(), p.pattern()).isEqualTo(plain(p, view));
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(140);
  }

  @Test
  void aMatchMayStartLinesBeforeItsLiteralAndReachFarBeyondIt() {
    Pattern p = Pattern.compile("(?<![\\w.])call\\(\\s*\\w+,\\s*\\w+,\\s*shell=True[^\\n]*\\n[\\s\\S]{0,2000}?done", Pattern.MULTILINE);
    String text = "x = 1\ncall(\n  a,\n  b, shell=True)\n" + "y = 2\n".repeat(200) + "done\nother.call(a, b, shell=True)\n";
    LiteralIndex index = new LiteralIndex(text, new PairIndex(text));
    LineIndex lines = LineIndex.of(text);
    assertThat(gated(GatedPattern.of(p), text, index, lines)).isEqualTo(plain(p, text)).hasSize(1);
  }

  @Test
  void aPatternAnchoredAtTheTextStartIsTriedEverywhere() {
    Pattern p = Pattern.compile("\\A(?![\\s\\S]*?\\$q\\s*=)[\\s\\S]*?'\"\\s*\\.", Pattern.MULTILINE);
    String text = "a\nb\nc\nd\ne\n$x = \"v = '\" . $v . \"'\";\n";
    LineIndex lines = LineIndex.of(text);
    assertThat(gated(GatedPattern.of(p), text, new LiteralIndex(text, new PairIndex(text)), lines))
        .isEqualTo(plain(p, text)).hasSize(1);
  }

  @Test
  void aCaseSensitivePatternIsGatedByItsLiteralInItsCase() {
    Pattern p = Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b", Pattern.MULTILINE);
    String text = "akia0123456789ABCDEF\nkey = AKIA0123456789ABCDEF\n";
    LineIndex lines = LineIndex.of(text);
    assertThat(gated(GatedPattern.of(p), text, new LiteralIndex(text, new PairIndex(text)), lines)).containsExactly(List.of(27, 47));
  }

  private static List<Pattern> patternsOf(Rule r) {
    List<Pattern> out = new ArrayList<>();
    if (r.regex() != null) {
      out.add(r.regex());
    }
    if (r.prefilter() != null) {
      out.add(r.prefilter());
    }
    for (Condition c : r.requires()) {
      if (c.compiled() != null) {
        out.add(c.compiled());
      }
    }
    for (Condition c : r.unless()) {
      if (c.compiled() != null) {
        out.add(c.compiled());
      }
    }
    return out;
  }

  private static List<List<Integer>> plain(Pattern p, String text) {
    List<List<Integer>> out = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(List.of(m.start(), m.end()));
    }
    return out;
  }

  private static List<List<Integer>> gated(GatedPattern g, String text, LiteralIndex index, LineIndex lines) {
    List<List<Integer>> out = new ArrayList<>();
    g.forEachMatch(text, index, lines, (m, s, e) -> out.add(List.of(s, e)));
    return out;
  }
}
