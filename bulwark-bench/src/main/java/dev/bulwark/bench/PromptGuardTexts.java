package dev.bulwark.bench;

import dev.bulwark.classifier.SentenceEncoder;
import dev.bulwark.classifier.Tokens;
import java.util.ArrayList;
import java.util.List;

/** Benchmark inputs of an exact MiniLM token length: ordinary prose, so the cascade's choices are realistic. */
final class PromptGuardTexts {
  private static final String[] SENTENCES = {
    "Our spring collection is now available in all stores and online.",
    "The quarterly report shows revenue up four percent on last year.",
    "Preheat the oven, then mix the flour, sugar and butter until crumbly.",
    "The hiking trail is twelve kilometres long and takes about four hours.",
    "Version 3.2 fixes a crash when importing large files and adds a dark theme.",
    "Please find attached the minutes of Tuesday's meeting with the suppliers.",
    "Could you explain how a hash map handles collisions in Java?",
    "The museum is open from Tuesday to Sunday, and entry is free on Sundays.",
  };

  private PromptGuardTexts() {}

  /** {@code count} different texts of exactly {@code tokens} MiniLM tokens (without [CLS]/[SEP]). */
  static List<String> ofTokens(int tokens, int count) {
    List<String> out = new ArrayList<>();
    try (SentenceEncoder enc = SentenceEncoder.embeddedMiniLm(1)) {
      for (int c = 0; c < count; c++) {
        StringBuilder sb = new StringBuilder();
        int i = c;
        while (enc.tokeniser().tokenise(sb.toString()).size() < tokens) {
          sb.append(SENTENCES[i++ % SENTENCES.length]).append(' ');
        }
        String s = sb.toString().trim();
        Tokens t = enc.tokeniser().tokenise(s);
        out.add(s.substring(0, t.charEnd()[tokens - 1]));
      }
    }
    return out;
  }
}
