package dev.bulwark.core.hiddentext;

import dev.bulwark.core.Cost;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Excerpt;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.RuleVerdict;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.Scanner;
import dev.bulwark.core.Trace;
import dev.bulwark.core.text.Confusables;
import dev.bulwark.core.text.Invisibles;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
public final class HiddenTextScanner implements Scanner {
  public static final String NAME = "hidden-text";
  private static final int MAX_FINDINGS_PER_KIND = 20;

  private final String name;
  private final Map<HiddenTextKind, Decision> decisions;

  public HiddenTextScanner(String name, Map<HiddenTextKind, Decision> decisions) {
    this.name = name;
    this.decisions = new EnumMap<>(HiddenTextKind.class);
    for (HiddenTextKind k : HiddenTextKind.values()) {
      this.decisions.put(k, decisions.getOrDefault(k, k.defaultDecision()));
    }
  }

  public static HiddenTextScanner withDefaults() {
    return new HiddenTextScanner(NAME, Map.of());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<Role> roles() {
    return EnumSet.allOf(Role.class);
  }

  @Override
  public Cost cost() {
    return Cost.CHEAP;
  }

  @Override
  public ScanResult scan(Message message, Trace context) {
    return scan(message.content());
  }

  public ScanResult scan(String text) {
    if (isPlainAscii(text)) {
      return ScanResult.allow(name, "no hidden text");
    }
    Collector found = new Collector();
    new Pass(text, found).run();
    if (found.findings.isEmpty()) {
      return ScanResult.allow(name, "no hidden text");
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
    return ScanResult.of(name, decision, RuleVerdict.score(decision, true), reason, findings);
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

    void add(HiddenTextKind kind, String text, int start, int end, String message) {
      kinds.add(kind);
      int n = total.merge(kind, 1, Integer::sum);
      if (n <= MAX_FINDINGS_PER_KIND) {
        findings.add(Finding.at(kind.ruleId(), "hidden-text", text, start, end, null, message));
        findingKinds.add(kind);
      }
    }
  }

  /** One pass over the text's code points. */
  private static final class Pass {
    private final String text;
    private final Collector out;
    private final int[] cps;
    private final int[] offsets;
    private final int count;

    Pass(String text, Collector out) {
      this.text = text;
      this.out = out;
      int n = text.length();
      int[] cp = new int[n];
      int[] off = new int[n + 1];
      int k = 0;
      for (int i = 0; i < n; ) {
        char c = text.charAt(i);
        int value;
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
          value = Character.toCodePoint(c, text.charAt(i + 1));
        } else {
          value = c;
        }
        cp[k] = value;
        off[k] = i;
        k++;
        i += Character.charCount(value) == 2 && Character.isSupplementaryCodePoint(value) ? 2 : 1;
      }
      off[k] = n;
      this.cps = cp;
      this.offsets = off;
      this.count = k;
    }

    void run() {
      boolean lookalikes = false;
      int i = 0;
      while (i < count) {
        int cp = cps[i];
        if (cp < 0x7F && (cp >= 0x20 || cp == '\n' || cp == '\r' || cp == '\t')) {
          i++;
          continue;
        }
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
          out.add(HiddenTextKind.BIDI_CONTROLS, text, offsets[i], offsets[end],
              (end - i == 1 ? Character.getName(cp) : (end - i) + " bidirectional controls starting with " + Character.getName(cp))
                  + " reorders the text around '" + around(i, end) + "'");
        } else if (isControl(cp)) {
          end = runOf(i, Pass::isControl);
          out.add(HiddenTextKind.CONTROL_CHARACTERS, text, offsets[i], offsets[end], describeControl(i, end));
        } else if (Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
          end = runOf(i, c -> c <= 0xFFFF && Character.isSurrogate((char) c));
          out.add(HiddenTextKind.INVALID_UNICODE, text, offsets[i], offsets[end],
              (end - i) + " unpaired surrogate" + (end - i > 1 ? "s" : "") + String.format(" (U+%04X)", cp));
        } else {
          lookalikes |= Confusables.homoglyph(cp) != 0;
          end = i + 1;
        }
        i = end;
      }
      if (lookalikes) {
        mixedScriptWords();
      }
    }

    private int runOf(int from, java.util.function.IntPredicate member) {
      int j = from;
      while (j < count && member.test(cps[j])) {
        j++;
      }
      return j;
    }

    private void tags(int from, int to) {
      // Subdivision flags (England, Scotland, Wales) are a black flag followed by tag letters and CANCEL TAG.
      if (from > 0 && cps[from - 1] == 0x1F3F4 && cps[to - 1] == 0xE007F && to - from <= 7) {
        return;
      }
      StringBuilder decoded = new StringBuilder(to - from);
      for (int k = from; k < to; k++) {
        int c = cps[k] - 0xE0000;
        if (c >= 0x20 && c <= 0x7E) {
          decoded.append((char) c);
        }
      }
      out.add(HiddenTextKind.TAG_CHARACTERS, text, offsets[from], offsets[to],
          (to - from) + " Unicode tag characters hide the text '" + Excerpt.of(decoded, 60) + "'");
    }

    private void variationSelectors(int from, int to) {
      if (to - from < 2) {
        return; // one selector after a base character is ordinary emoji or ideograph presentation
      }
      String decoded = InvisibleDecoder.fromVariationSelectors(cps, from, to);
      if (decoded != null) {
        out.add(HiddenTextKind.SMUGGLED_TEXT, text, offsets[from], offsets[to],
            (to - from) + " variation selectors encode the text '" + Excerpt.of(decoded, 60) + "'");
      } else {
        out.add(HiddenTextKind.VARIATION_SELECTORS, text, offsets[from], offsets[to],
            (to - from) + " consecutive variation selectors after '" + around(from, from) + "'");
      }
    }

    private void zeroWidth(int from, int to) {
      if (to - from >= 16) {
        String decoded = InvisibleDecoder.fromBinaryZeroWidth(cps, from, to);
        if (decoded != null) {
          out.add(HiddenTextKind.SMUGGLED_TEXT, text, offsets[from], offsets[to],
              (to - from) + " zero-width characters encode the text '" + Excerpt.of(decoded, 60) + "'");
          return;
        }
      }
      if (to - from == 1 && legitimateZeroWidth(from)) {
        return;
      }
      int cp = cps[from];
      out.add(HiddenTextKind.ZERO_WIDTH, text, offsets[from], offsets[to],
          (to - from == 1 ? Character.getName(cp) : (to - from) + " zero-width characters")
              + " inside '" + around(from, to) + "'");
    }

    private boolean legitimateZeroWidth(int at) {
      int cp = cps[at];
      int prev = at > 0 ? cps[at - 1] : -1;
      int next = at + 1 < count ? cps[at + 1] : -1;
      if (cp == 0xFEFF && at == 0) {
        return true; // byte-order mark
      }
      if (cp == 0x200D && (isEmojiPart(prev) || isEmojiPart(next))) {
        return true; // emoji ZWJ sequence
      }
      if ((cp == 0x200C || cp == 0x200D) && isJoiningScriptLetter(prev) && isJoiningScriptLetter(next)) {
        return true; // Persian, Indic and other scripts use joiners between letters
      }
      return cp == 0x00AD && Character.isLetter(prev) && Character.isLetter(next); // a hyphenation hint
    }

    private static boolean isEmojiPart(int cp) {
      return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF)
          || cp == 0xFE0F || cp == 0x2640 || cp == 0x2642 || cp == 0x2695 || cp == 0x2708 || cp == 0x2764;
    }

    private static boolean isJoiningScriptLetter(int cp) {
      return cp >= 0x0590 && Character.isLetterOrDigit(cp) || (cp >= 0x0900 && Character.getType(cp) == Character.NON_SPACING_MARK)
          || (cp >= 0x0900 && Character.getType(cp) == Character.COMBINING_SPACING_MARK);
    }

    private static boolean isControl(int cp) {
      return (cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t') || (cp >= 0x7F && cp <= 0x9F);
    }

    private String describeControl(int from, int to) {
      int cp = cps[from];
      if (cp == 0x1B) {
        return "ANSI escape sequence '" + around(from, Math.min(count, to + 6)) + "' can rewrite what a terminal shows";
      }
      if (cp == 0) {
        return (to - from) + " NUL character" + (to - from > 1 ? "s" : "");
      }
      return (to - from) + " control character" + (to - from > 1 ? "s" : "") + String.format(" (U+%04X)", cp);
    }

    /** A short, escaped excerpt of the visible text around code points [from, to). */
    private String around(int from, int to) {
      int start = offsets[Math.max(0, from - 8)];
      int end = offsets[Math.min(count, to + 8)];
      return Excerpt.of(text, start, end, 40);
    }

    private void mixedScriptWords() {
      int i = 0;
      while (i < count) {
        if (!Character.isLetter(cps[i])) {
          i++;
          continue;
        }
        int start = i;
        boolean latin = false;
        boolean glyph = false;
        while (i < count && (Character.isLetter(cps[i]) || Character.getType(cps[i]) == Character.NON_SPACING_MARK)) {
          int cp = cps[i];
          if ((cp < 0x80 && Character.isLetter(cp)) || (cp >= 0xC0 && cp <= 0x24F)) {
            latin = true;
          } else if (Confusables.homoglyph(cp) != 0) {
            glyph = true;
          }
          i++;
        }
        if (latin && glyph) {
          out.add(HiddenTextKind.MIXED_SCRIPT, text, offsets[start], offsets[i],
              "the word '" + Excerpt.of(text, offsets[start], offsets[i], 40) + "' mixes Latin with Cyrillic or Greek look-alike letters");
        }
      }
    }
  }
}
