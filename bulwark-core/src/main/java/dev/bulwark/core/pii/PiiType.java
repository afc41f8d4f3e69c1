package dev.bulwark.core.pii;

/** The kinds of personal data the {@code pii} scanner recognises, with the mask a redaction puts in their place. */
public enum PiiType {
  EMAIL("email", "[EMAIL]"),
  PHONE("phone", "[PHONE]"),
  /** A payment card number that passes the Luhn check and has a known issuer prefix. */
  PAYMENT_CARD("payment-card", "[CARD]"),
  /** An IBAN of the right length for its country that passes the mod-97 check. */
  IBAN("iban", "[IBAN]"),
  /** A US social security number in ddd-dd-dddd form, within the issued ranges. */
  US_SSN("us-ssn", "[SSN]"),
  IP_ADDRESS("ip-address", "[IP]");

  private final String id;
  private final String mask;

  PiiType(String id, String mask) {
    this.id = id;
    this.mask = mask;
  }

  public String id() {
    return id;
  }

  public String ruleId() {
    return "pii." + id;
  }

  public String mask() {
    return mask;
  }

  public static PiiType parse(String text) {
    for (PiiType t : values()) {
      if (t.id.equalsIgnoreCase(text.trim())) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown PII type '" + text + "'; expected one of email, phone, payment-card, iban, us-ssn, ip-address");
  }
}
