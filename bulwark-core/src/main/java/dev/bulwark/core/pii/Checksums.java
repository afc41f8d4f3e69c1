package dev.bulwark.core.pii;

import java.util.Map;

/** The check-digit algorithms that separate real card numbers and IBANs from random digits. */
final class Checksums {
  /** IBAN length per country (ISO 13616 registry). */
  private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
      Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
      Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BR", 29),
      Map.entry("BY", 28), Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24),
      Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("DO", 28), Map.entry("EE", 20), Map.entry("EG", 29),
      Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22),
      Map.entry("GE", 22), Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28),
      Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23),
      Map.entry("IS", 26), Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20),
      Map.entry("LB", 28), Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20),
      Map.entry("LV", 21), Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19),
      Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NL", 18), Map.entry("NO", 15),
      Map.entry("PK", 24), Map.entry("PL", 28), Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29),
      Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("SA", 24), Map.entry("SC", 31), Map.entry("SE", 24),
      Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("ST", 25), Map.entry("SV", 28),
      Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VA", 22),
      Map.entry("VG", 24), Map.entry("XK", 20));

  private Checksums() {}

  static boolean luhn(CharSequence digits) {
    int sum = 0;
    boolean doubleIt = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (doubleIt) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubleIt = !doubleIt;
    }
    return sum % 10 == 0;
  }

  /** Issuer prefixes of the major card networks (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro). */
  static boolean knownIssuer(CharSequence digits) {
    int n = digits.length();
    int two = Integer.parseInt(digits.subSequence(0, 2).toString());
    int four = Integer.parseInt(digits.subSequence(0, 4).toString());
    char first = digits.charAt(0);
    return (first == '4' && (n == 13 || n == 16 || n == 19))
        || (two >= 51 && two <= 55 && n == 16)
        || (four >= 2221 && four <= 2720 && n == 16)
        || ((two == 34 || two == 37) && n == 15)
        || ((four == 6011 || two == 65 || (four >= 6440 && four <= 6499)) && n >= 16)
        || (four >= 3528 && four <= 3589 && n >= 16)
        || ((two == 36 || two == 38 || (four >= 3000 && four <= 3059)) && n >= 14)
        || (two == 62 && n >= 16)
        || ((two == 50 || (two >= 56 && two <= 69)) && n >= 12);
  }

  /** Country length and ISO 7064 mod-97 check of an IBAN given without spaces. */
  static boolean iban(CharSequence iban) {
    Integer expected = IBAN_LENGTHS.get(iban.subSequence(0, 2).toString());
    if (expected == null || expected != iban.length()) {
      return false;
    }
    int remainder = 0;
    int n = iban.length();
    for (int k = 0; k < n; k++) {
      char c = iban.charAt((k + 4) % n);
      if (c >= '0' && c <= '9') {
        remainder = (remainder * 10 + (c - '0')) % 97;
      } else if (c >= 'A' && c <= 'Z') {
        int v = c - 'A' + 10;
        remainder = (remainder * 100 + v) % 97;
      } else {
        return false;
      }
    }
    return remainder == 1;
  }
}
