package dev.bulwark.core.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Finds personal data in one pass with hand-written recognisers (no regular expressions): candidates start only at
 * {@code @}, digits, {@code +}, {@code (}, {@code :} and upper-case letter pairs, so ordinary prose costs one
 * character test per character. Numbers are validated (Luhn, issuer prefixes, IBAN mod-97, SSN ranges) so that order
 * numbers, dates and versions are not reported.
 */
public final class PiiDetector {
  private static final int MAX_CANDIDATE = 64;

  private final Set<PiiType> types;

  public PiiDetector(Set<PiiType> types) {
    this.types = types.isEmpty() ? EnumSet.noneOf(PiiType.class) : EnumSet.copyOf(types);
  }

  public static PiiDetector all() {
    return new PiiDetector(EnumSet.allOf(PiiType.class));
  }

  /** Every match, in text order, without overlaps. */
  public List<PiiMatch> find(String text) {
    List<PiiMatch> found = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      int next = i + 1;
      if (c == '@') {
        email(text, i, found);
      } else if (c == ':') {
        next = Math.max(next, ipv6(text, i, found));
      } else if (isDigit(c) || ((c == '+' || c == '(') && i + 1 < n && isDigit(text.charAt(i + 1)))) {
        if (i == 0 || !isWordChar(text.charAt(i - 1))) {
          next = Math.max(next, number(text, i, found));
        } else {
          while (next < n && isDigit(text.charAt(next))) {
            next++; // digits glued to a word ("abc123"): not a number of interest
          }
        }
      } else if (c >= 'A' && c <= 'Z' && i + 3 < n && (i == 0 || !isWordChar(text.charAt(i - 1)))) {
        next = Math.max(next, iban(text, i, found));
      }
      i = next;
    }
    return withoutOverlaps(found);
  }

  private void add(List<PiiMatch> out, PiiType type, int start, int end) {
    if (types.contains(type)) {
      out.add(new PiiMatch(type, start, end));
    }
  }

  private void email(String s, int at, List<PiiMatch> out) {
    int start = at;
    while (start > 0 && at - start < 64 && isLocalChar(s.charAt(start - 1))) {
      start--;
    }
    while (start < at && s.charAt(start) == '.') {
      start++;
    }
    if (start == at || s.charAt(at - 1) == '.') {
      return;
    }
    int end = at + 1;
    int labelStart = end;
    int lastDot = -1;
    int n = s.length();
    while (end < n && end - at < 254) {
      char c = s.charAt(end);
      if (isAsciiAlnum(c) || c == '-') {
        end++;
      } else if (c == '.' && end > labelStart && end + 1 < n && isAsciiAlnum(s.charAt(end + 1))) {
        lastDot = end;
        end++;
        labelStart = end;
      } else {
        break;
      }
    }
    if (lastDot < 0 || end - lastDot - 1 < 2) {
      return;
    }
    for (int k = lastDot + 1; k < end; k++) {
      if (!Character.isLetter(s.charAt(k))) {
        return; // top-level domains are letters
      }
    }
    add(out, PiiType.EMAIL, start, end);
  }

  /** Numbers: phone, card, SSN, IPv4. Returns where scanning resumes. */
  private int number(String s, int start, List<PiiMatch> out) {
    int n = s.length();
    StringBuilder digits = new StringBuilder(20);
    List<Integer> groups = new ArrayList<>(6);
    StringBuilder seps = new StringBuilder(6);
    StringBuilder pending = new StringBuilder(2);
    boolean plus = s.charAt(start) == '+';
    int i = plus ? start + 1 : start;
    int group = 0;
    int lastDigitEnd = start;
    char prevSep = 0;
    while (i < n && i - start < MAX_CANDIDATE) {
      char c = s.charAt(i);
      if (isDigit(c)) {
        if (pending.length() > 0) {
          // Separators count only between digits; a trailing space or full stop is not part of the number.
          if (group > 0) {
            groups.add(group);
            group = 0;
          }
          seps.append(pending);
          pending.setLength(0);
        }
        digits.append(c);
        group++;
        lastDigitEnd = i + 1;
        prevSep = 0;
      } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/') {
        boolean pairOk = (prevSep == ')' && c == ' ') || (prevSep == ' ' && c == '(');
        if (prevSep != 0 && !pairOk) {
          break;
        }
        if (c != '(' && c != ')') {
          pending.append(c);
        } else if (group > 0) {
          groups.add(group);
          group = 0;
        }
        prevSep = c;
      } else {
        break;
      }
      i++;
    }
    if (group > 0) {
      groups.add(group);
    }
    int end = lastDigitEnd;
    if (end < n && (isAsciiLetter(s.charAt(end)) || s.charAt(end) == '_')) {
      return end; // glued to letters: an identifier, not a number
    }
    int nd = digits.length();
    String sepKinds = distinct(seps);
    if (sepKinds.equals(".") && groups.size() == 4 && allAtMost(groups, 3)) {
      if (!(end + 1 < n && s.charAt(end) == '.' && isDigit(s.charAt(end + 1))) && validIpv4(s.substring(start, end))) {
        add(out, PiiType.IP_ADDRESS, start, end);
      }
      return end;
    }
    if (isDate(groups, sepKinds) || sepKinds.contains(".") && !plus) {
      return end; // dates, decimals, versions
    }
    if (groups.size() == 3 && groups.get(0) == 3 && groups.get(1) == 2 && groups.get(2) == 4
        && (sepKinds.equals("-") || sepKinds.equals(" ")) && !plus) {
      if (validSsn(digits)) {
        add(out, PiiType.US_SSN, start, end);
        return end;
      }
    }
    if (!plus && nd >= 12 && nd <= 19 && (sepKinds.isEmpty() || sepKinds.equals(" ") || sepKinds.equals("-"))
        && cardGrouping(groups) && Checksums.luhn(digits) && Checksums.knownIssuer(digits)) {
      add(out, PiiType.PAYMENT_CARD, start, end);
      return end;
    }
    if (isPhone(s, start, plus, nd, groups, sepKinds, digits)) {
      add(out, PiiType.PHONE, start, end);
    }
    return end;
  }

  private static boolean isPhone(String s, int start, boolean plus, int nd, List<Integer> groups, String seps, CharSequence digits) {
    if (seps.contains("/")) {
      return false;
    }
    if (plus) {
      return nd >= 8 && nd <= 15;
    }
    boolean paren = s.charAt(start) == '(';
    if (groups.size() < 2 && !paren) {
      return false; // a bare run of digits is an id, an amount, a code: not recognisably a phone number
    }
    // North American: (NXX) NXX-XXXX, NXX-NXX-XXXX, 1-NXX-NXX-XXXX.
    int g = groups.size();
    if (g >= 3 && groups.get(g - 1) == 4 && groups.get(g - 2) == 3 && groups.get(g - 3) == 3
        && (g == 3 || (g == 4 && groups.get(0) == 1 && digits.charAt(0) == '1'))) {
      return true; // the 3-3-4 shape is a phone number even when the area code is not a real one
    }
    // National formats with a trunk prefix: 020 7946 0958, 06-12345678, 030 1234567.
    return digits.charAt(0) == '0' && nd >= 9 && nd <= 12 && groups.get(0) >= 2 && groups.get(0) <= 5;
  }

  private static boolean cardGrouping(List<Integer> groups) {
    if (groups.size() == 1) {
      return true;
    }
    if (groups.size() == 3 && groups.get(0) == 4 && groups.get(1) == 6 && (groups.get(2) == 5 || groups.get(2) == 4)) {
      return true; // American Express, Diners
    }
    for (int k = 0; k < groups.size() - 1; k++) {
      if (groups.get(k) != 4) {
        return false;
      }
    }
    return groups.get(groups.size() - 1) <= 4;
  }

  private static boolean isDate(List<Integer> groups, String seps) {
    if (groups.size() != 3 || seps.isEmpty() || seps.length() != 1) {
      return false;
    }
    int a = groups.get(0);
    int b = groups.get(1);
    int c = groups.get(2);
    return (a == 4 && b <= 2 && c <= 2) || (a <= 2 && b <= 2 && (c == 4 || c == 2));
  }

  private static boolean validSsn(CharSequence d) {
    int area = Integer.parseInt(d.subSequence(0, 3).toString());
    int group = Integer.parseInt(d.subSequence(3, 5).toString());
    int serial = Integer.parseInt(d.subSequence(5, 9).toString());
    return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
  }

  private static boolean validIpv4(String s) {
    for (String part : s.split("\\.")) {
      if (part.length() > 1 && part.charAt(0) == '0') {
        return false;
      }
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  private int ipv6(String s, int colon, List<PiiMatch> out) {
    int start = colon;
    while (start > 0 && colon - start < 40 && isIpv6Char(s.charAt(start - 1))) {
      start--;
    }
    int end = colon;
    int n = s.length();
    while (end < n && end - start < 45 && isIpv6Char(s.charAt(end))) {
      end++;
    }
    while (end > colon && s.charAt(end - 1) == '.') {
      end--;
    }
    if ((start > 0 && isWordChar(s.charAt(start - 1))) || (end < n && isWordChar(s.charAt(end)))) {
      return end;
    }
    if (validIpv6(s.substring(start, end))) {
      add(out, PiiType.IP_ADDRESS, start, end);
    }
    return end;
  }

  static boolean validIpv6(String a) {
    int dbl = a.indexOf("::");
    if (dbl >= 0 && a.indexOf("::", dbl + 1) >= 0) {
      return false;
    }
    String[] parts = a.split(":", -1);
    int groups = 0;
    boolean sawHex = false;
    for (int k = 0; k < parts.length; k++) {
      String p = parts[k];
      if (p.isEmpty()) {
        continue;
      }
      if (p.indexOf('.') >= 0) {
        if (k != parts.length - 1 || !p.matches("\\d{1,3}(\\.\\d{1,3}){3}") || !validIpv4(p)) {
          return false;
        }
        groups += 2;
        sawHex = true;
        continue;
      }
      if (p.length() > 4) {
        return false;
      }
      groups++;
      sawHex = true;
    }
    if (!sawHex) {
      return false;
    }
    return dbl >= 0 ? groups <= 7 && groups >= 1 : groups == 8;
  }

  private int iban(String s, int start, List<PiiMatch> out) {
    int n = s.length();
    if (!(isUpper(s.charAt(start + 1)) && isDigit(s.charAt(start + 2)) && isDigit(s.charAt(start + 3)))) {
      return start + 1;
    }
    StringBuilder compact = new StringBuilder(34);
    int i = start;
    int end = start;
    while (i < n && compact.length() < 34) {
      char c = s.charAt(i);
      if (isDigit(c) || isUpper(c)) {
        compact.append(c);
        i++;
        end = i;
      } else if (c == ' ' && i + 1 < n && (isDigit(s.charAt(i + 1)) || isUpper(s.charAt(i + 1)))) {
        i++;
      } else {
        break;
      }
    }
    if (end < n && isWordChar(s.charAt(end))) {
      return end;
    }
    // The IBAN may be followed by other tokens separated by a space: take the longest valid prefix.
    for (int len = compact.length(); len >= 15; len--) {
      if (Checksums.iban(compact.subSequence(0, len))) {
        add(out, PiiType.IBAN, start, offsetOfCompact(s, start, len));
        return offsetOfCompact(s, start, len);
      }
    }
    return start + 2;
  }

  private static int offsetOfCompact(String s, int start, int len) {
    int i = start;
    int seen = 0;
    while (seen < len) {
      if (s.charAt(i) != ' ') {
        seen++;
      }
      i++;
    }
    return i;
  }

  private static List<PiiMatch> withoutOverlaps(List<PiiMatch> found) {
    if (found.size() < 2) {
      return found;
    }
    found.sort(Comparator.comparingInt(PiiMatch::start).thenComparing(m -> -(m.end() - m.start())));
    List<PiiMatch> out = new ArrayList<>(found.size());
    int reached = -1;
    for (PiiMatch m : found) {
      if (m.start() >= reached) {
        out.add(m);
        reached = m.end();
      }
    }
    return out;
  }

  private static String distinct(CharSequence seps) {
    StringBuilder b = new StringBuilder(3);
    for (int k = 0; k < seps.length(); k++) {
      if (b.indexOf(String.valueOf(seps.charAt(k))) < 0) {
        b.append(seps.charAt(k));
      }
    }
    return b.toString();
  }

  private static boolean allAtMost(List<Integer> groups, int max) {
    for (int g : groups) {
      if (g > max) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAsciiAlnum(char c) {
    return isDigit(c) || isAsciiLetter(c);
  }

  private static boolean isWordChar(char c) {
    return isAsciiAlnum(c) || c == '_' || (c > 0x7F && Character.isLetterOrDigit(c));
  }

  private static boolean isLocalChar(char c) {
    return isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  private static boolean isIpv6Char(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
  }
}
