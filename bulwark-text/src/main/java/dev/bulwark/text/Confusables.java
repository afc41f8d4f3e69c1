package dev.bulwark.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unicode's confusables skeleton mapping (UTS #39 {@code confusables.txt}, all of it, generated into
 * {@code confusables.tsv}; see that file's header for version and licence), and the ASCII letters it implies.
 *
 * <p>A skeleton is a prototype, not always ASCII: Cyrillic "т" has the skeleton "ᴛ" (LATIN LETTER SMALL CAPITAL T),
 * "к" has "ĸ" (KRA). Rules are written in ASCII, so {@link #asciiFold} goes one step further, in this order: the
 * skeleton itself when it is ASCII letters (after dropping combining marks); a Latin skeleton letter named "... LETTER
 * [SMALL CAPITAL] X" read as X; or, for a lower-case letter whose skeleton is a non-ASCII Latin letter, the skeleton of
 * its upper-case form lowered ("к" → "К" → "K" → "k"). Letters whose skeleton is not Latin ("μ", "ж") have no fold.
 */
public final class Confusables {
  static final String RESOURCE = "confusables.tsv";
  private static final Pattern LATIN_NAME =
      Pattern.compile("LATIN (?:(SMALL|CAPITAL) )?LETTER (?:(SMALL CAPITAL) )?([A-Z])");

  private static final Map<Integer, int[]> SKELETONS = load();
  private static final Map<Integer, String> FOLDS = folds();
  /** The code points with a fold, for a cheap test per code point on text that has none (nearly all text). */
  private static final BitSet FOLDABLE = foldable();

  private Confusables() {}

  /** The number of source code points in the table (every mapping of confusables.txt, directly or by decomposition). */
  public static int size() {
    return SKELETONS.size();
  }

  /** The skeleton of one code point, or the code point itself when it is not confusable. */
  public static String skeleton(int cp) {
    int[] s = SKELETONS.get(cp);
    return s == null ? new String(Character.toChars(cp)) : new String(s, 0, s.length);
  }

  /** The ASCII letters a non-ASCII letter imitates ("а" → "a", "т" → "t", "ɑ" → "a"), or null. */
  public static String asciiFold(int cp) {
    return cp < 0x80 ? null : FOLDS.get(cp);
  }

  /** True when {@link #asciiFold} has an answer for {@code cp}. */
  public static boolean hasFold(int cp) {
    return cp >= 0x80 && FOLDABLE.get(cp);
  }

  /** True for a letter of a script other than Latin that imitates ASCII letters: the stuff of mixed-script words. */
  public static boolean isForeignLookalike(int cp) {
    return hasFold(cp) && Character.UnicodeScript.of(cp) != Character.UnicodeScript.LATIN;
  }

  private static Map<Integer, int[]> load() {
    Map<Integer, int[]> table = new HashMap<>(32_768);
    try (InputStream in = Confusables.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isEmpty() || line.charAt(0) == '#') {
          continue;
        }
        int tab = line.indexOf('\t');
        String field = line.substring(tab + 1);
        String[] target = field.isEmpty() ? new String[0] : field.split(" ");
        int[] cps = new int[target.length];
        for (int k = 0; k < target.length; k++) {
          cps[k] = Integer.parseInt(target[k], 16);
        }
        table.put(Integer.parseInt(line, 0, tab, 16), cps);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return table;
  }

  private static Map<Integer, String> folds() {
    Map<Integer, String> folds = new HashMap<>(8_192);
    for (Map.Entry<Integer, int[]> e : SKELETONS.entrySet()) {
      int cp = e.getKey();
      if (cp >= 0x80 && Character.isLetter(cp)) {
        String fold = fold(cp, e.getValue());
        if (fold != null) {
          folds.put(cp, fold);
        }
      }
    }
    return folds;
  }

  private static BitSet foldable() {
    BitSet set = new BitSet();
    FOLDS.keySet().forEach(set::set);
    return set;
  }

  private static String fold(int cp, int[] skeleton) {
    String ascii = asciiLetters(skeleton);
    if (ascii != null && Character.isUpperCase(cp) && ascii.length() == 1 && Character.isLowerCase(ascii.charAt(0))) {
      // Skeletons pick one prototype per look-alike set, so capital "І" (Cyrillic) gets "l", the prototype of
      // I/l/1. Rules read it as the capital it imitates: the fold of its lower-case form, upper-cased ("і" → "i").
      int lower = Character.toLowerCase(cp);
      int[] lowerSkeleton = SKELETONS.get(lower);
      String viaLower = lower != cp && lowerSkeleton != null ? asciiLetters(lowerSkeleton) : null;
      return viaLower != null ? viaLower.toUpperCase() : ascii;
    }
    if (ascii != null) {
      return ascii;
    }
    int[] letters = withoutMarks(skeleton);
    if (letters.length != 1 || Character.UnicodeScript.of(letters[0]) != Character.UnicodeScript.LATIN) {
      return null;
    }
    String name = Character.getName(letters[0]);
    Matcher m = name == null ? null : LATIN_NAME.matcher(name);
    if (m != null && m.matches()) {
      boolean small = "SMALL".equals(m.group(1)) || m.group(2) != null;
      return small ? m.group(3).toLowerCase() : m.group(3);
    }
    if (Character.isLowerCase(cp)) {
      int upper = Character.toUpperCase(cp);
      int[] upperSkeleton = SKELETONS.get(upper);
      String fold = upper != cp && upperSkeleton != null ? asciiLetters(upperSkeleton) : null;
      return fold == null ? null : fold.toLowerCase();
    }
    return null;
  }

  /** The skeleton as ASCII letters with its combining marks dropped, or null when anything else is left. */
  private static String asciiLetters(int[] skeleton) {
    int[] letters = withoutMarks(skeleton);
    if (letters.length == 0) {
      return null;
    }
    StringBuilder s = new StringBuilder(letters.length);
    for (int c : letters) {
      if (c >= 0x80 || !Ascii.isLetter((char) c)) {
        return null;
      }
      s.append((char) c);
    }
    return s.toString();
  }

  private static int[] withoutMarks(int[] cps) {
    return java.util.Arrays.stream(cps).filter(c -> Character.getType(c) != Character.NON_SPACING_MARK).toArray();
  }
}
