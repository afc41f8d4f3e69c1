package dev.bulwark.promptguard.corpus;

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
