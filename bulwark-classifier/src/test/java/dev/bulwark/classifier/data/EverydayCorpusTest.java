package dev.bulwark.classifier.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EverydayCorpusTest {
  private static final List<LabelledText> TRAIN = EverydayCorpus.read(EverydayCorpus.Split.TRAIN, "benign");
  private static final List<LabelledText> TEST = EverydayCorpus.read(EverydayCorpus.Split.TEST, "benign");

  @Test
  void everyKindHasBothSplitsAndManyLanguages() {
    for (String kind : EverydayCorpus.KINDS) {
      assertThat(TRAIN).as(kind).anyMatch(r -> r.category().equals("everyday:" + kind));
      assertThat(TEST).as(kind).anyMatch(r -> r.category().equals("everyday:" + kind));
    }
    Set<String> languages = TRAIN.stream().map(LabelledText::lang).collect(Collectors.toSet());
    assertThat(languages).hasSizeGreaterThanOrEqualTo(15);
    assertThat(TRAIN).allSatisfy(r -> {
      assertThat(r.malicious()).isFalse();
      assertThat(r.lang()).matches("[a-z]{2}");
      assertThat(r.text()).isNotBlank().doesNotContain("\t");
    });
    assertThat(TRAIN).filteredOn(r -> r.category().equals("everyday:tool_outputs")).allMatch(r -> r.role().equals("tool"));
  }

  @Test
  void multiLineMessagesAreUnescaped() {
    assertThat(EverydayCorpus.unescape("a\\nb\\\\n")).isEqualTo("a\nb\\n");
    assertThat(TRAIN).anyMatch(r -> r.text().contains("\n"));
  }

  /** The test split measures new wording: no test message repeats a training one or shares its opening. */
  @Test
  void noTestMessageCopiesATrainingMessage() {
    Set<String> openings = new HashSet<>();
    for (LabelledText r : TRAIN) {
      openings.add(opening(r.text()));
    }
    List<String> copies = TEST.stream().filter(r -> r.text().length() >= 25 && openings.contains(opening(r.text())))
        .map(LabelledText::text).toList();
    assertThat(copies).isEmpty();
  }

  private static String opening(String text) {
    String t = text.toLowerCase(Locale.ROOT).strip();
    return t.substring(0, Math.min(25, t.length()));
  }
}
