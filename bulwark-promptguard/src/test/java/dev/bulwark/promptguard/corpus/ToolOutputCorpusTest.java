package dev.bulwark.promptguard.corpus;

import dev.bulwark.promptguard.ToolOutputCorpus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.classifier.data.LabelledText;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolOutputCorpusTest {
  private final ToolOutputCorpus corpus = new ToolOutputCorpus();

  @Test
  void sameSeedSameDocuments() {
    assertThat(corpus.generate(ToolOutputCorpus.Split.TRAIN, 50, 7)).isEqualTo(corpus.generate(ToolOutputCorpus.Split.TRAIN, 50, 7));
    assertThat(corpus.generate(ToolOutputCorpus.Split.TRAIN, 50, 7)).isNotEqualTo(corpus.generate(ToolOutputCorpus.Split.TRAIN, 50, 8));
  }

  /**
   * The held-out documents measure generalisation to new wording only if no training item is a near copy of a test
   * item: same opening (25 chars, placeholders removed) or mostly the same words (Jaccard of word sets at least 0.6).
   */
  @Test
  void noTrainingItemNearlyCopiesATestItem() {
    ContentPools pools = ContentPools.load("payloads.txt", "carriers.txt", "hard_benign.txt");
    List<String> test = new java.util.ArrayList<>();
    List<String> train = new java.util.ArrayList<>();
    for (String section : pools.sections()) {
      String[] h = section.split(" ");
      (h[2].equals("test") ? test : train).addAll(pools.get(h[0], h[1], h[2]));
    }
    for (String a : train) {
      String na = comparable(a);
      if (na.length() < 15) {
        continue;
      }
      for (String b : test) {
        String nb = comparable(b);
        if (nb.length() < 15) {
          continue;
        }
        assertThat(na.substring(0, Math.min(25, na.length()))).as("train item %s vs test item %s", a, b)
            .isNotEqualTo(nb.substring(0, Math.min(25, nb.length())));
        if (words(na).size() >= 4 && words(nb).size() >= 4) {
          assertThat(jaccard(words(na), words(nb))).as("train item %s vs test item %s", a, b).isLessThan(0.6);
        }
      }
    }
  }

  private static String comparable(String item) {
    return item.replaceAll("\\{[A-Z]+}", "").strip().toLowerCase(java.util.Locale.ROOT);
  }

  private static java.util.Set<String> words(String s) {
    java.util.Set<String> out = new java.util.HashSet<>(List.of(s.split("(?U)\\W+")));
    out.remove("");
    return out;
  }

  private static double jaccard(java.util.Set<String> a, java.util.Set<String> b) {
    java.util.Set<String> x = new java.util.HashSet<>(a);
    java.util.Set<String> y = b;
    java.util.Set<String> both = new java.util.HashSet<>(x);
    both.retainAll(y);
    x.addAll(y);
    return x.isEmpty() ? 0 : (double) both.size() / x.size();
  }

  @Test
  void testDocumentsNeverUseTrainingOnlyContent() {
    List<LabelledText> test = corpus.generate(ToolOutputCorpus.Split.TEST, 400, 1);
    ContentPools pools = ContentPools.load("payloads.txt", "carriers.txt", "hard_benign.txt");
    for (String trainOnly : pools.get("action", "en", "train")) {
      String marker = trainOnly.replaceAll("\\{[A-Z]+}", "").strip();
      marker = marker.substring(0, Math.min(25, marker.length()));
      for (LabelledText t : test) {
        assertThat(t.text()).doesNotContain(marker);
      }
    }
  }

  @Test
  void mixesAttacksHardNegativesLanguagesAndDisguises() {
    List<LabelledText> docs = corpus.generate(ToolOutputCorpus.Split.TRAIN, 1000, 3);
    long attacks = docs.stream().filter(LabelledText::malicious).count();
    assertThat(attacks).isBetween(400L, 600L);
    assertThat(docs.stream().map(LabelledText::lang).distinct().count()).isGreaterThan(12);
    assertThat(docs.stream().filter(d -> d.category().endsWith(":human_instruction")).count()).isGreaterThan(100);
    for (Disguise d : Disguise.values()) {
      assertThat(docs.stream().anyMatch(x -> x.category().endsWith(":" + d.id()))).as(d.id()).isTrue();
    }
    assertThat(docs.stream().filter(LabelledText::malicious).allMatch(d -> !d.evidence().isEmpty())).isTrue();
    assertThat(corpus.handwritten()).hasSizeGreaterThan(50).allMatch(d -> d.role().equals("tool"));
  }

  @Test
  void adversarialSuffixesLookLikeTokenSalad() {
    String s = AdversarialSuffixes.suffix(new java.util.Random(1));
    assertThat(s.split(" ").length).isGreaterThan(8);
    assertThat(s).containsAnyOf("[", "(", "\\", "*", "=", "{", "\"", "'", ".", "+", ")", "<", ">", "?", ",", "@", "`", "%", "^", "|", "~", "$");
  }
}
