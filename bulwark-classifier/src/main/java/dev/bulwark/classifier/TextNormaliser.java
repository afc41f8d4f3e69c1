package dev.bulwark.classifier;

import java.text.Normalizer;

/**
 * The normalise stage: undoes the cheap tricks that split or disguise words so a tokenizer or n-gram model sees the
 * words an attacker meant, and keeps a map back to the original offsets.
 *
 * <ul>
 *   <li>invisible characters (zero-width space/joiners, word joiner, BOM, soft hyphen, bidi controls, variation
 *       selectors) are removed; Unicode tag characters, which spell ASCII invisibly, become the ASCII they spell;
 *   <li>NFKC folds compatibility forms: full-width letters, mathematical bold/italic/script letters, circled and
 *       superscript letters become plain letters;
 *   <li>stacked combining marks on Latin, Greek or Cyrillic letters ("Zalgo" text) are dropped once NFKC has composed
 *       the ordinary accented letters; marks of other scripts (Devanagari, Thai vowel signs) stay;
 *   <li>Cyrillic and Greek look-alike letters inside words that also contain Latin letters (or in a text that is
 *       mostly Latin) become their Latin twins, so {@code іgnоrе} (with Cyrillic і, о, е) reads {@code ignore};
 *   <li>spaced-out letters ({@code I g n o r e}, {@code i.g.n.o.r.e}, {@code i-g-n-o-r-e}) are joined, wider gaps
 *       inside such a run become one space;
 *   <li>runs of spaces and tabs become one space; line breaks stay (the segment stage uses them).
 * </ul>
 *
 * Meta's Prompt Guard utilities handle only the spacing trick (by re-spacing at token boundaries); this stage is
 * independent of any tokenizer, so the same normalised text feeds both the n-gram features and the encoder.
 */
public final class TextNormaliser {

  /** Which steps run; {@link #ALL} is what the scanners use, {@link #NONE} is for measuring what they buy. */
  public record Steps(boolean invisibles, boolean compatibility, boolean lookalikes, boolean spacedLetters) {}

  public static final Steps ALL = new Steps(true, true, true, true);
  public static final Steps NONE = new Steps(false, false, false, false);

  private static final String SEPARATORS = " .-_*|/+~·•";

  private final Steps steps;

  public TextNormaliser() {
    this(ALL);
  }

  public TextNormaliser(Steps steps) {
    this.steps = steps;
  }

  public Steps steps() {
    return steps;
  }

  public NormalisedText normalise(String original) {
    if (original.isEmpty() || steps.equals(NONE)) {
      return NormalisedText.identity(original);
    }
    Buffer b = foldCharacters(original);
    if (steps.lookalikes()) {
      b = foldLookalikes(b);
    }
    if (steps.spacedLetters()) {
      b = joinSpacedLetters(b);
    }
    b = collapseSpaces(b);
    return b.toNormalised(original);
  }

  /** Invisibles, NFKC and combining-mark cleanup, one base character (plus its marks) at a time. */
  private Buffer foldCharacters(String s) {
    Buffer out = new Buffer(s.length());
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (steps.invisibles() && isTag(cp)) {
        // Unicode tag characters spell ASCII invisibly: make the hidden text visible instead of dropping it.
        out.append((char) (cp - 0xE0000), i);
        i = next;
        continue;
      }
      if (steps.invisibles() && isInvisible(cp)) {
        i = next;
        continue;
      }
      if (cp == '\r') {
        i = next;
        continue;
      }
      // A base character and the combining marks that follow it form one cluster.
      int end = next;
      while (end < s.length()) {
        int m = s.codePointAt(end);
        if (isTag(m) || (!isCombiningMark(m) && !(steps.invisibles() && isInvisible(m)))) {
          break;
        }
        end += Character.charCount(m);
      }
      if (end == next && cp < 0x80) {
        out.append((char) (cp == '\t' ? ' ' : cp), i);
        i = next;
        continue;
      }
      StringBuilder cluster = new StringBuilder(end - i);
      for (int k = i; k < end; ) {
        int c = s.codePointAt(k);
        if (!(steps.invisibles() && isInvisible(c))) {
          cluster.appendCodePoint(c);
        }
        k += Character.charCount(c);
      }
      String folded = steps.compatibility() ? Normalizer.normalize(cluster, Normalizer.Form.NFKC) : cluster.toString();
      boolean latinLike = isLatinGreekCyrillic(cp);
      for (int k = 0; k < folded.length(); ) {
        int c = folded.codePointAt(k);
        k += Character.charCount(c);
        if (steps.compatibility() && latinLike && isDiacriticBlock(c)) {
          continue; // a mark NFKC could not compose: decoration, not spelling
        }
        out.appendCodePoint(c, i);
      }
      i = end;
    }
    return out;
  }

  private Buffer foldLookalikes(Buffer in) {
    String t = in.text();
    int latin = 0;
    int otherLetters = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < 0x80 && Character.isLetter(c)) {
        latin++;
      } else if (Character.isLetter(c)) {
        otherLetters++;
      }
    }
    boolean mostlyLatin = latin > 2 * otherLetters;
    Buffer out = new Buffer(t.length());
    int i = 0;
    while (i < t.length()) {
      if (!Character.isLetter(t.charAt(i))) {
        out.append(t.charAt(i), in.origin(i));
        i++;
        continue;
      }
      int j = i;
      boolean hasLatin = false;
      boolean hasLookalike = false;
      boolean hasOther = false;
      while (j < t.length() && (Character.isLetterOrDigit(t.charAt(j)) || Character.getType(t.charAt(j)) == Character.NON_SPACING_MARK)) {
        char c = t.charAt(j);
        if (c < 0x80) {
          hasLatin |= Character.isLetter(c);
        } else if (Lookalikes.latinTwin(c) != 0) {
          hasLookalike = true;
        } else if (Character.isLetter(c)) {
          hasOther = true;
        }
        j++;
      }
      boolean fold = hasLookalike && !hasOther && (hasLatin || mostlyLatin);
      for (int k = i; k < j; k++) {
        char c = t.charAt(k);
        char twin = fold ? Lookalikes.latinTwin(c) : 0;
        out.append(twin != 0 ? twin : c, in.origin(k));
      }
      i = j;
    }
    return out;
  }

  /** Joins runs of at least three single letters separated by one separator character each. */
  private Buffer joinSpacedLetters(Buffer in) {
    String t = in.text();
    Buffer out = new Buffer(t.length());
    int i = 0;
    while (i < t.length()) {
      int runEnd = spacedRunEnd(t, i);
      if (runEnd < 0) {
        out.append(t.charAt(i), in.origin(i));
        i++;
        continue;
      }
      // Inside the run: letters are kept, a single separator is dropped, a wider gap becomes one space.
      int k = i;
      while (k < runEnd) {
        char c = t.charAt(k);
        if (Character.isLetterOrDigit(c)) {
          out.append(c, in.origin(k));
          k++;
          continue;
        }
        int gapEnd = k;
        while (gapEnd < runEnd && !Character.isLetterOrDigit(t.charAt(gapEnd))) {
          gapEnd++;
        }
        if (gapEnd - k > 1) {
          out.append(' ', in.origin(k));
        }
        k = gapEnd;
      }
      i = runEnd;
    }
    return out;
  }

  /**
   * If a spaced-letter run starts at {@code i} (a letter at a word start, then separator + single letter at least
   * twice more), the offset just after its last letter; else -1.
   */
  private static int spacedRunEnd(String t, int i) {
    if (!isSingleLetterAt(t, i) || (i > 0 && Character.isLetterOrDigit(t.charAt(i - 1)))) {
      return -1;
    }
    char sep = 0;
    int letters = 1;
    int pos = i + 1;
    int lastLetterEnd = i + 1;
    while (pos < t.length()) {
      int gap = pos;
      while (gap < t.length() && SEPARATORS.indexOf(t.charAt(gap)) >= 0 && gap - pos < 4) {
        gap++;
      }
      int width = gap - pos;
      if (width == 0 || gap >= t.length() || !isSingleLetterAt(t, gap)) {
        break;
      }
      char s = t.charAt(pos);
      if (width == 1) {
        if (sep == 0) {
          sep = s;
        } else if (s != sep) {
          break;
        }
      }
      letters++;
      lastLetterEnd = gap + 1;
      pos = gap + 1;
    }
    return letters >= 3 && sep != 0 ? lastLetterEnd : -1;
  }

  /** A letter or digit at {@code i} that is not followed by another letter or digit. */
  private static boolean isSingleLetterAt(String t, int i) {
    return i < t.length()
        && Character.isLetterOrDigit(t.charAt(i))
        && !Character.isIdeographic(t.charAt(i))
        && (i + 1 >= t.length() || !Character.isLetterOrDigit(t.charAt(i + 1)));
  }

  private static Buffer collapseSpaces(Buffer in) {
    String t = in.text();
    Buffer out = new Buffer(t.length());
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == ' ' || (Character.isWhitespace(c) && c != '\n') || Character.isSpaceChar(c)) {
        if (out.length() > 0 && out.last() != ' ' && out.last() != '\n') {
          out.append(' ', in.origin(i));
        }
        continue;
      }
      if (c == '\n' && out.length() > 0 && out.last() == ' ') {
        out.dropLast();
      }
      out.append(c, in.origin(i));
    }
    if (out.length() > 0 && out.last() == ' ') {
      out.dropLast();
    }
    return out;
  }

  /** Unicode tag characters that mirror printable ASCII. */
  private static boolean isTag(int cp) {
    return cp >= 0xE0020 && cp <= 0xE007E;
  }

  static boolean isInvisible(int cp) {
    if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF || cp == 0x00AD || cp == 0x180E) {
      return true;
    }
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F) {
      return true;
    }
    if (cp >= 0xE0000 && cp <= 0xE007F) {
      return true;
    }
    if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)) {
      return true;
    }
    return cp >= 0x2061 && cp <= 0x2064;
  }

  private static boolean isCombiningMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK;
  }

  private static boolean isDiacriticBlock(int cp) {
    return (cp >= 0x0300 && cp <= 0x036F)
        || (cp >= 0x1AB0 && cp <= 0x1AFF)
        || (cp >= 0x1DC0 && cp <= 0x1DFF)
        || (cp >= 0x20D0 && cp <= 0x20FF)
        || (cp >= 0xFE20 && cp <= 0xFE2F)
        || (cp >= 0x0483 && cp <= 0x0489);
  }

  private static boolean isLatinGreekCyrillic(int cp) {
    Character.UnicodeScript s = Character.UnicodeScript.of(cp);
    return s == Character.UnicodeScript.LATIN
        || s == Character.UnicodeScript.GREEK
        || s == Character.UnicodeScript.CYRILLIC
        || s == Character.UnicodeScript.COMMON;
  }

  /** A growing text with the original offset of every char. */
  private static final class Buffer {
    private final StringBuilder text;
    private int[] origin;

    Buffer(int capacity) {
      text = new StringBuilder(capacity);
      origin = new int[Math.max(16, capacity + 1)];
    }

    void append(char c, int from) {
      if (text.length() + 1 >= origin.length) {
        origin = java.util.Arrays.copyOf(origin, origin.length * 2);
      }
      origin[text.length()] = from;
      text.append(c);
    }

    void appendCodePoint(int cp, int from) {
      if (Character.isBmpCodePoint(cp)) {
        append((char) cp, from);
      } else {
        append(Character.highSurrogate(cp), from);
        append(Character.lowSurrogate(cp), from);
      }
    }

    int length() {
      return text.length();
    }

    char last() {
      return text.charAt(text.length() - 1);
    }

    void dropLast() {
      text.setLength(text.length() - 1);
    }

    String text() {
      return text.toString();
    }

    int origin(int i) {
      return origin[i];
    }

    NormalisedText toNormalised(String original) {
      int[] map = java.util.Arrays.copyOf(origin, text.length() + 1);
      map[text.length()] = original.length();
      return new NormalisedText(original, text.toString(), map);
    }
  }
}
