package dev.bulwark.promptguard.corpus;

import java.util.List;
import java.util.Random;

/** Random names, addresses, amounts and dates for documents and payload slots. */
public final class Fillers {
  private static final List<String> NAMES = List.of("Anna Keller", "Tom Baker", "Li Wei", "Sofia Rossi", "Jean Martin",
      "Carlos Gómez", "Priya Sharma", "Yuki Tanaka", "Olga Ivanova", "Ahmed Hassan", "Emma Jansen", "Kim Min-jun",
      "Lucas Silva", "Mehmet Yılmaz", "Nguyen Van An", "Fatima Zahra", "Piotr Nowak", "Sara Lindqvist");
  private static final List<String> COMPANIES = List.of("Northwind Traders", "Acme GmbH", "Blue Harbor Ltd", "Kestrel Labs",
      "Sunrise Foods", "Orbital Systems", "Maple & Co", "Tanaka Shoji", "Vela Logistics", "Greenfield Farms");
  private static final List<String> PRODUCTS = List.of("Desk lamp", "Consulting hours", "Wireless mouse", "Annual licence",
      "Coffee beans 1kg", "Office chair", "Cloud storage plan", "Printer toner", "Travel guide", "Running shoes");
  private static final List<String> DOMAINS = List.of("example.com", "mail-secure.net", "docs-share.io", "cdn-assets.org",
      "acct-verify.info", "data-sync.app", "files-drop.net", "promo-deals.shop", "support-desk.help", "collect-stats.dev");
  private static final List<String> GREETINGS = List.of("Hi,", "Hello team,", "Dear customer,", "Good morning,", "Hi all,");
  private static final List<String> SIGNOFFS = List.of("Best regards,", "Thanks,", "Kind regards,", "Cheers,", "Sincerely,");

  String name(Random r) {
    return NAMES.get(r.nextInt(NAMES.size()));
  }

  String company(Random r) {
    return COMPANIES.get(r.nextInt(COMPANIES.size()));
  }

  String product(Random r) {
    return PRODUCTS.get(r.nextInt(PRODUCTS.size()));
  }

  String email(Random r) {
    String n = name(r).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]+", ".");
    return n + "@" + DOMAINS.get(r.nextInt(DOMAINS.size()));
  }

  public String url(Random r) {
    return "https://" + (r.nextBoolean() ? "www." : "") + DOMAINS.get(r.nextInt(DOMAINS.size())) + "/" + Integer.toString(r.nextInt(1 << 20), 36);
  }

  String amount(Random r) {
    String[] cur = {"$", "€", "£", "USD ", "EUR "};
    return cur[r.nextInt(cur.length)] + (10 + r.nextInt(9990)) + "." + String.format("%02d", r.nextInt(100));
  }

  String iban(Random r) {
    String[] cc = {"DE", "GB", "FR", "NL", "ES", "LT"};
    StringBuilder sb = new StringBuilder(cc[r.nextInt(cc.length)]).append(10 + r.nextInt(89));
    for (int i = 0; i < 16; i++) {
      sb.append(r.nextInt(10));
    }
    return sb.toString();
  }

  String phone(Random r) {
    return "+" + (1 + r.nextInt(60)) + " " + (100 + r.nextInt(900)) + " " + (1000000 + r.nextInt(9000000));
  }

  String path(Random r) {
    String[] p = {"/home/user/projects", "C:\\Users\\Public\\Documents", "~/Documents", "/var/www", "/srv/backups", "./src"};
    return p[r.nextInt(p.length)];
  }

  String date(Random r) {
    return String.format("2024-%02d-%02d", 1 + r.nextInt(12), 1 + r.nextInt(28));
  }

  String greeting(Random r) {
    return GREETINGS.get(r.nextInt(GREETINGS.size()));
  }

  String signoff(Random r) {
    return SIGNOFFS.get(r.nextInt(SIGNOFFS.size()));
  }

  /** Replaces the {SLOT}s of a payload or sentence. */
  public String fill(String template, Random r) {
    return template.replace("{EMAIL}", email(r)).replace("{URL}", url(r)).replace("{AMOUNT}", amount(r))
        .replace("{IBAN}", iban(r)).replace("{PATH}", path(r)).replace("{NAME}", name(r)).replace("{PHONE}", phone(r));
  }
}
