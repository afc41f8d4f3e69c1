package dev.bulwark.bench;

import dev.bulwark.classifier.SentenceEncoder;
import dev.bulwark.classifier.Tokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark inputs of an exact MiniLM token length. {@code prose}: ordinary sentences (synthetic, always available).
 * {@code dev}: real prompts, attacks and documents of the team's prompt-attack dev set, cut to the length, so the
 * cascade decides as it would on that traffic. The cascade's worst case, MiniLM on every text, is the benches'
 * {@code encoder} stage.
 */
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

  /**
   * {@code count} texts of {@code kind}: "prose" or "dev" of exactly {@code tokens} MiniLM tokens; "ordinary" as users
   * type them (short requests; {@code tokens} does not apply).
   */
  static List<String> of(String kind, int tokens, int count) {
    return switch (kind) {
      case "prose" -> ofTokens(tokens, count);
      case "dev" -> fromDevSet(tokens, count);
      case "ordinary" -> ordinaryTraffic(count);
      default -> throw new IllegalArgumentException("unknown texts '" + kind + "': prose, dev or ordinary");
    };
  }

  /**
   * Up to {@code count} rows of {@code prompt_attacks/dev.jsonl} with at least {@code tokens} MiniLM tokens, each cut
   * to exactly that many, spread evenly over the file (which is sorted by source).
   */
  static List<String> fromDevSet(int tokens, int count) {
    Path file = SharedDatasets.find("prompt_attacks/dev.jsonl").orElseThrow(() -> new IllegalStateException(
        "the 'dev' texts need shared/datasets/prompt_attacks/dev.jsonl next to the checkout; use 'prose' without it"));
    List<String> candidates = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (SentenceEncoder enc = SentenceEncoder.embeddedMiniLm(1)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        String text = json.readTree(line).path("text").asText();
        Tokens t = enc.tokeniser().tokenise(text);
        if (t.size() >= tokens) {
          candidates.add(text.substring(0, t.charEnd()[tokens - 1]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return spread(candidates, count);
  }

  /**
   * {@code count} rows of {@code ordinary_traffic/dev.jsonl} as they are, spread evenly over the file: the short
   * everyday requests that every one of which now goes through the encoder (the cascade's short-text rule).
   */
  static List<String> ordinaryTraffic(int count) {
    Path file = SharedDatasets.find("ordinary_traffic/dev.jsonl").orElseThrow(() -> new IllegalStateException(
        "the 'ordinary' texts need shared/datasets/ordinary_traffic/dev.jsonl next to the checkout; use 'prose' without it"));
    ObjectMapper json = new ObjectMapper();
    List<String> all = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          all.add(json.readTree(line).path("text").asText());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return spread(all, count);
  }

  /** Up to {@code count} of {@code texts}, spread evenly over the list (the files are sorted by source). */
  private static List<String> spread(List<String> texts, int count) {
    List<String> out = new ArrayList<>();
    double step = Math.max(1.0, (double) texts.size() / count);
    for (double i = 0; i < texts.size() && out.size() < count; i += step) {
      out.add(texts.get((int) i));
    }
    return out;
  }

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
