package dev.bulwark.promptguard;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A cheap guess of a text's language, good enough to pick a per-language threshold: the dominant script decides for
 * most scripts; Latin-script text is told apart by common function words. Returns an ISO 639-1 code, or {@code ""}
 * when unsure.
 */
public final class LanguageGuess {
  private static final Map<String, Set<String>> LATIN_WORDS = Map.of(
      "en", Set.of("the", "and", "is", "you", "to", "of", "what", "how", "with", "that"),
      "de", Set.of("der", "die", "und", "ist", "nicht", "ich", "sie", "mit", "das", "ein"),
      "fr", Set.of("le", "la", "les", "et", "est", "vous", "des", "une", "pour", "pas"),
      "es", Set.of("el", "los", "las", "y", "es", "que", "una", "para", "por", "con"),
      "it", Set.of("il", "gli", "che", "e", "una", "per", "non", "sono", "della", "con"),
      "pt", Set.of("o", "os", "que", "uma", "para", "não", "com", "você", "do", "da"),
      "nl", Set.of("de", "het", "een", "en", "is", "van", "niet", "je", "dat", "met"),
      "tr", Set.of("ve", "bir", "bu", "için", "ile", "ne", "mi", "değil", "olarak", "da"),
      "id", Set.of("dan", "yang", "di", "ini", "untuk", "dengan", "tidak", "itu", "apa", "saya"),
      "vi", Set.of("và", "là", "của", "không", "có", "những", "một", "cho", "được", "tôi"));

  private LanguageGuess() {}

  public static String of(String text) {
    int[] counts = new int[10];
    int letters = 0;
    for (int i = 0; i < text.length() && letters < 2000; ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (!Character.isLetter(cp)) {
        continue;
      }
      letters++;
      Character.UnicodeScript s = Character.UnicodeScript.of(cp);
      switch (s) {
        case HAN -> counts[0]++;
        case HIRAGANA, KATAKANA -> counts[1]++;
        case HANGUL -> counts[2]++;
        case CYRILLIC -> counts[3]++;
        case ARABIC -> counts[4]++;
        case DEVANAGARI -> counts[5]++;
        case THAI -> counts[6]++;
        case BENGALI -> counts[7]++;
        case GREEK, HEBREW -> counts[8]++;
        case LATIN -> counts[9]++;
        default -> { }
      }
    }
    if (letters == 0) {
      return "";
    }
    if (counts[1] > 0 && counts[0] + counts[1] > letters / 2) {
      return "ja";
    }
    String[] scripts = {"zh", "ja", "ko", "ru", "ar", "hi", "th", "bn", "", ""};
    int best = 9;
    for (int k = 0; k < 9; k++) {
      if (counts[k] > counts[best]) {
        best = k;
      }
    }
    if (best != 9) {
      if (best == 3 && (text.indexOf('і') >= 0 || text.indexOf('ї') >= 0 || text.indexOf('є') >= 0)) {
        return "uk";
      }
      return scripts[best];
    }
    String lower = text.toLowerCase(Locale.ROOT);
    String[] words = lower.split("[^\\p{L}]+", 400);
    String bestLang = "";
    int bestHits = 1;
    for (var e : LATIN_WORDS.entrySet()) {
      int hits = 0;
      for (String w : words) {
        if (e.getValue().contains(w)) {
          hits++;
        }
      }
      if (hits > bestHits) {
        bestHits = hits;
        bestLang = e.getKey();
      }
    }
    return bestLang;
  }
}
