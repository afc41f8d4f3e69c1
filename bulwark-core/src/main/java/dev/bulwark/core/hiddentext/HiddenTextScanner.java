package dev.bulwark.core.hiddentext;

import dev.bulwark.core.Cost;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Excerpt;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Message;
import dev.bulwark.core.RuleVerdict;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.TextRuleScanner;
import dev.bulwark.core.Trace;
import dev.bulwark.core.text.Invisibles;
import dev.bulwark.text.Confusables;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import dev.bulwark.text.LineIndex;

/**
 * Finds text a human reader cannot see but a model reads: Unicode tag characters (decoded and shown), zero-width
 * characters splitting words, payloads encoded in variation selectors or zero-width bits, bidirectional controls
 * (Trojan Source), control characters, unpaired surrogates and mixed-script look-alike words. LlamaFirewall's
 * HiddenASCII scanner covers only the tag characters and echoes the whole message; this one reports spans and short
 * excerpts.
 *
 * <p>Legitimate uses are left alone: zero-width joiners inside emoji sequences and between letters of scripts that
 * need them, a leading byte-order mark, single soft hyphens, single variation selectors after a base character, and
 * the tag sequences of subdivision flags.
 */
public final class HiddenTextScanner extends TextRuleScanner {
  public static final String NAME = "hidden-text";
  private static final int MAX_FINDINGS_PER_KIND = 20;

  private final Map<HiddenTextKind, Decision> decisions;

  public HiddenTextScanner(String name, Map<HiddenTextKind, Decision> decisions) {
    super(name, HiddenTextSpec.SPEC);
    this.decisions = new EnumMap<>(HiddenTextKind.class);
    for (HiddenTextKind k : HiddenTextKind.values()) {
      this.decisions.put(k, decisions.getOrDefault(k, k.defaultDecision()));
    }
  }

  public static HiddenTextScanner withDefaults() {
    return new HiddenTextScanner(NAME, Map.of());
  }

  @Override
  public ScanResult scan(String text) {
    if (isPlainAscii(text)) {
      return ScanResult.allow(name(), "no hidden text");
    }
    Collector found = new Collector();
    new Pass(text, found).run();
    if (found.findings.isEmpty()) {
      return ScanResult.allow(name(), "no hidden text");
    }
    Decision decision = Decision.ALLOW;
    HiddenTextKind decidingKind = null;
    for (HiddenTextKind k : found.kinds) {
      Decision d = decisions.get(k);
      if (decidingKind == null || d.isStricterThan(decision)) {
        decision = d;
        decidingKind = k;
      }
    }
    List<Finding> findings = new ArrayList<>(found.findings.size());
    for (int i = 0; i < found.findings.size(); i++) {
      Finding f = found.findings.get(i);
      HiddenTextKind k = found.findingKinds.get(i);
      findings.add(new Finding(f.rule(), f.category(), f.line(), f.start(), f.end(), RuleVerdict.severity(decisions.get(k)), f.message()));
    }
    String first = "";
    for (int i = 0; i < findings.size(); i++) {
      if (found.findingKinds.get(i) == decidingKind) {
        first = findings.get(i).message();
        break;
      }
    }
    int total = found.total.values().stream().mapToInt(Integer::intValue).sum();
    String reason = first + (total > 1 ? " (" + total + " findings)" : "");
    return ScanResult.of(name(), decision, RuleVerdict.score(decision, true), reason, findings);
  }

  /** True when every char is printable ASCII, tab, CR or LF: nothing can hide there. */
  static boolean isPlainAscii(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x7F || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
        return false;
      }
    }
    return true;
  }

  /** Findings as they are made, capped per kind. */
  private static final class Collector {
    final List<Finding> findings = new ArrayList<>();
    final List<HiddenTextKind> findingKinds = new ArrayList<>();
    final EnumSet<HiddenTextKind> kinds = EnumSet.noneOf(HiddenTextKind.class);
    final Map<HiddenTextKind, Integer> total = new EnumMap<>(HiddenTextKind.class);

    private LineIndex lines;

    /** Messages are built only for findings that are kept: hostile input can carry thousands of hits. */
    void add(HiddenTextKind kind, String text, int start, int end, Supplier<String> message) {
      kinds.add(kind);
      int n = total.merge(kind, 1, Integer::sum);
      if (n <= MAX_FINDINGS_PER_KIND) {
        if (lines == null) {
          lines = LineIndex.of(text);
        }
        findings.add(Finding.at(kind.ruleId(), "hidden-text", lines, start, end, null, message.get()));
        findingKinds.add(kind);
      }
    }
  }

  /** One pass over the text, by char offsets; code points are decoded only where the text is not plain ASCII. */
  private static final class Pass {
    private final String text;
    private final Collector out;
    private final int n;
    private int wordStart = -1;
    private boolean wordLatin;
    private boolean wordLookalike;

    Pass(String text, Collector out) {
      this.text = text;
      this.out = out;
      this.n = text.length();
    }

    void run() {
      int i = 0;
      while (i < n) {
        char c = text.charAt(i);
        if (c >= 0x20 && c < 0x7F) {
          if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            letter(i, true, false);
          } else {
            endWord(i);
          }
          i++;
          continue;
        }
        if (c == '\n' || c == '\r' || c == '\t') {
          endWord(i);
          i++;
          continue;
        }
        int cp = text.codePointAt(i);
        int end;
        if (Invisibles.isTag(cp)) {
          end = runOf(i, Invisibles::isTag);
          tags(i, end);
        } else if (Invisibles.isVariationSelector(cp)) {
          end = runOf(i, Invisibles::isVariationSelector);
          variationSelectors(i, end);
        } else if (Invisibles.isZeroWidth(cp)) {
          end = runOf(i, Invisibles::isZeroWidth);
          zeroWidth(i, end);
        } else if (Invisibles.isBidiControl(cp)) {
          end = runOf(i, Invisibles::isBidiControl);
          bidi(i, end);
        } else if (isControl(cp)) {
          end = runOf(i, Pass::isControl);
          endWord(i);
          control(i, end);
        } else if (cp <= 0xFFFF && Character.isSurrogate((char) cp)) {
          end = runOf(i, x -> x <= 0xFFFF && Character.isSurrogate((char) x));
          endWord(i);
          surrogates(i, end);
        } else {
          end = i + Character.charCount(cp);
          if (Character.isLetter(cp)) {
            // Any script's letters that Unicode's confusables data says imitate Latin ones ("т" in "instrucтions").
            boolean lookalike = Confusables.isForeignLookalike(cp);
            letter(i, !lookalike && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN, lookalike);
          } else if (Character.getType(cp) != Character.NON_SPACING_MARK) {
            endWord(i);
          }
        }
        i = end; // invisible characters do not end a word: "pа\u200Bypal" is still one word
      }
      endWord(n);
    }

    private void letter(int at, boolean latin, boolean lookalike) {
      if (wordStart < 0) {
        wordStart = at;
        wordLatin = false;
        wordLookalike = false;
      }
      wordLatin |= latin;
      wordLookalike |= lookalike;
    }

    private void endWord(int at) {
      if (wordStart >= 0 && wordLatin && wordLookalike) {
        int from = wordStart;
        out.add(HiddenTextKind.MIXED_SCRIPT, text, from, at, () ->
            "the word '" + Excerpt.of(text, from, at, 40) + "' mixes Latin with look-alike letters of another script");
      }
      wordStart = -1;
    }

    private int runOf(int from, IntPredicate member) {
      int j = from;
      while (j < n) {
        int cp = text.codePointAt(j);
        if (!member.test(cp)) {
          break;
        }
        j += Character.charCount(cp);
      }
      return j;
    }

    private int[] codePoints(int from, int to) {
      return text.substring(from, to).codePoints().toArray();
    }

    private void tags(int from, int to) {
      // Subdivision flags (England, Scotland, Wales) are a black flag followed by tag letters and CANCEL TAG.
      int[] tags = codePoints(from, to);
      if (from > 0 && text.codePointBefore(from) == 0x1F3F4 && tags[tags.length - 1] == 0xE007F && tags.length <= 7) {
        return;
      }
      StringBuilder decoded = new StringBuilder(tags.length);
      for (int t : tags) {
        int c = t - 0xE0000;
        if (c >= 0x20 && c <= 0x7E) {
          decoded.append((char) c);
        }
      }
      out.add(HiddenTextKind.TAG_CHARACTERS, text, from, to, () ->
          tags.length + " Unicode tag characters hide the text '" + Excerpt.of(decoded, 60) + "'");
    }

    private void variationSelectors(int from, int to) {
      int[] run = codePoints(from, to);
      if (run.length < 2) {
        return; // one selector after a base character is ordinary emoji or ideograph presentation
      }
      String decoded = InvisibleDecoder.fromVariationSelectors(run, 0, run.length);
      if (decoded != null) {
        out.add(HiddenTextKind.SMUGGLED_TEXT, text, from, to, () ->
            run.length + " variation selectors encode the text '" + Excerpt.of(decoded, 60) + "'");
      } else {
        out.add(HiddenTextKind.VARIATION_SELECTORS, text, from, to, () ->
            run.length + " consecutive variation selectors after '" + around(from, from) + "'");
      }
    }

    private void zeroWidth(int from, int to) {
      int[] run = codePoints(from, to);
      if (run.length >= 16) {
        String decoded = InvisibleDecoder.fromBinaryZeroWidth(run, 0, run.length);
        if (decoded != null) {
          out.add(HiddenTextKind.SMUGGLED_TEXT, text, from, to, () ->
              run.length + " zero-width characters encode the text '" + Excerpt.of(decoded, 60) + "'");
          return;
        }
      }
      if (run.length == 1 && legitimateZeroWidth(from, to, run[0])) {
        return;
      }
      out.add(HiddenTextKind.ZERO_WIDTH, text, from, to, () ->
          (run.length == 1 ? Character.getName(run[0]) : run.length + " zero-width characters")
              + " inside '" + around(from, to) + "'");
    }

    private boolean legitimateZeroWidth(int from, int to, int cp) {
      int prev = from > 0 ? text.codePointBefore(from) : -1;
      int next = to < n ? text.codePointAt(to) : -1;
      if (cp == 0xFEFF && from == 0) {
        return true; // byte-order mark
      }
      if (cp == 0x200D && (isEmojiPart(prev) || isEmojiPart(next))) {
        return true; // emoji ZWJ sequence
      }
      if ((cp == 0x200C || cp == 0x200D) && isJoiningScriptLetter(prev) && isJoiningScriptLetter(next)) {
        return true; // Persian, Indic and other scripts use joiners between letters
      }
      return cp == 0x00AD && prev >= 0 && next >= 0 && Character.isLetter(prev) && Character.isLetter(next);
    }

    private void bidi(int from, int to) {
      int cp = text.codePointAt(from);
      int count = to - from;
      out.add(HiddenTextKind.BIDI_CONTROLS, text, from, to, () ->
          (count == 1 ? Character.getName(cp) : count + " bidirectional controls starting with " + Character.getName(cp))
              + " reorders the text around '" + around(from, to) + "'");
    }

    private void control(int from, int to) {
      out.add(HiddenTextKind.CONTROL_CHARACTERS, text, from, to, () -> describeControl(from, to));
    }

    private void surrogates(int from, int to) {
      int cp = text.charAt(from);
      out.add(HiddenTextKind.INVALID_UNICODE, text, from, to, () ->
          (to - from) + " unpaired surrogate" + (to - from > 1 ? "s" : "") + String.format(" (U+%04X)", cp));
    }

    private static boolean isEmojiPart(int cp) {
      return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF)
          || cp == 0xFE0F;
    }

    private static boolean isJoiningScriptLetter(int cp) {
      if (cp < 0x0590) {
        return false;
      }
      int type = Character.getType(cp);
      return Character.isLetterOrDigit(cp) || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    private static boolean isControl(int cp) {
      return (cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t') || (cp >= 0x7F && cp <= 0x9F);
    }

    private String describeControl(int from, int to) {
      char c = text.charAt(from);
      if (c == 0x1B) {
        return "ANSI escape sequence '" + Excerpt.of(text, from, Math.min(n, to + 6), 40) + "' can rewrite what a terminal shows";
      }
      if (c == 0) {
        return (to - from) + " NUL character" + (to - from > 1 ? "s" : "");
      }
      return (to - from) + " control character" + (to - from > 1 ? "s" : "") + String.format(" (U+%04X)", (int) c);
    }

    /** A short, escaped excerpt of the text around [from, to). */
    private String around(int from, int to) {
      return Excerpt.of(text, Math.max(0, from - 8), Math.min(n, to + 8), 40);
    }
  }
}
