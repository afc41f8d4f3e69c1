package dev.bulwark.promptguard;

import dev.bulwark.promptguard.corpus.ContentPools;
import dev.bulwark.promptguard.corpus.Disguise;
import dev.bulwark.promptguard.corpus.DocumentKind;
import dev.bulwark.promptguard.corpus.Fillers;
import dev.bulwark.classifier.data.LabelledText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Bulwark's own tool-output documents: web pages, e-mails, invoices, files, API JSON, search results, code and more,
 * in many languages, some carrying an instruction aimed at an AI (plain, encoded, split, hidden in markup, with
 * look-alike letters, invisible characters) and some hard benign (instructions to people, documents that discuss
 * attacks or configure assistants).
 *
 * <p>Generated from hand-written content ({@code payloads.txt}, {@code carriers.txt}, {@code hard_benign.txt}) with a
 * seed, so every run gives the same documents. The content is split: the {@link Split#TEST} documents use only
 * payloads, sentences and hard-benign items marked {@code test}, never seen by training, plus the whole hand-written
 * documents of {@code handwritten.txt}.
 */
public final class ToolOutputCorpus {
  /** Which content a generated document may use. */
  public enum Split {
    TRAIN,
    TEST;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final String SOURCE = "bulwark_tool_outputs";

  private static final Disguise[] DISGUISES = Disguise.values();
  private static final Set<Disguise> MARKUP = Set.of(Disguise.HTML_COMMENT, Disguise.HIDDEN_CSS, Disguise.HTML_ATTRIBUTE);

  private final ContentPools pools;
  private final Fillers fillers = new Fillers();

  public ToolOutputCorpus() {
    this.pools = ContentPools.load("payloads.txt", "carriers.txt", "hard_benign.txt");
  }

  /** {@code count} documents, about half of them injected. */
  public List<LabelledText> generate(Split split, int count, long seed) {
    Random rnd = new Random(seed ^ (split == Split.TEST ? 0x7E57L : 0x7A1EL));
    List<LabelledText> out = new ArrayList<>(count);
    List<String> langs = new ArrayList<>(pools.languages("paragraph", split.id()));
    for (int i = 0; i < count; i++) {
      String lang = rnd.nextDouble() < 0.4 || !langs.contains("en") ? "en" : langs.get(rnd.nextInt(langs.size()));
      DocumentKind kind = DocumentKind.values()[rnd.nextInt(DocumentKind.values().length)];
      String title = pickOr(rnd, pools.get("title", lang, split.id()), pools.get("title", "en", split.id()));
      List<String> blocks = new ArrayList<>();
      int n = 2 + rnd.nextInt(5);
      List<String> paragraphs = pools.get("paragraph", lang, split.id());
      for (int k = 0; k < n; k++) {
        blocks.add(fillers.fill(paragraphs.get(rnd.nextInt(paragraphs.size())), rnd));
      }
      String id = SOURCE + ":" + split.id() + "-" + i;
      if (rnd.nextBoolean()) {
        out.add(injected(id, lang, kind, title, blocks, split, rnd));
      } else {
        out.add(benign(id, lang, kind, title, blocks, split, rnd));
      }
    }
    return out;
  }

  private LabelledText injected(String id, String lang, DocumentKind kind, String title, List<String> blocks, Split split, Random rnd) {
    String payloadLang = rnd.nextDouble() < 0.7 && !pools.get("action", lang, split.id()).isEmpty() ? lang : "en";
    String payload = fillers.fill(payload(payloadLang, split, rnd), rnd);
    Disguise d = DISGUISES[rnd.nextInt(DISGUISES.length)];
    if (MARKUP.contains(d) && kind != DocumentKind.WEB_PAGE_HTML && rnd.nextBoolean()) {
      kind = DocumentKind.WEB_PAGE_HTML;
    }
    String form = d.id();
    List<String> evidence = new ArrayList<>();
    int cut = payload.indexOf(' ', payload.length() / 2);
    if (rnd.nextDouble() < 0.12 && cut > 0) {
      // split: the instruction is cut in two and the halves are placed apart
      evidence.add(payload.substring(0, cut));
      evidence.add(payload.substring(cut + 1));
      insert(blocks, evidence.get(0), rnd, 0, blocks.size() / 2 + 1);
      insert(blocks, evidence.get(1), rnd, blocks.size() / 2 + 1, blocks.size() + 1);
      form = "split";
    } else {
      evidence.add(d.apply(payload, rnd));
      insert(blocks, evidence.get(0), rnd, 0, blocks.size() + 1);
    }
    decorate(blocks, kind, rnd);
    String text = kind.render(title, blocks, fillers, rnd);
    return new LabelledText(id, text, LabelledText.INJECTION, "tool_output:" + kind.id() + ":" + form, lang, SOURCE, "tool",
        evidence);
  }

  private LabelledText benign(String id, String lang, DocumentKind kind, String title, List<String> blocks, Split split, Random rnd) {
    double r = rnd.nextDouble();
    String type;
    if (r < 0.4) {
      String hi = fillers.fill(pickOr(rnd, pools.get("human_instruction", lang, split.id()), pools.get("human_instruction", "en", split.id())), rnd);
      Disguise d = switch (rnd.nextInt(5)) {
        case 0 -> Disguise.FOOTER;
        case 1 -> Disguise.BRACKETED;
        case 2 -> Disguise.JSON_FIELD;
        default -> Disguise.PLAIN;
      };
      insert(blocks, d.apply(hi, rnd), rnd, 0, blocks.size() + 1);
      type = "human_instruction";
    } else if (r < 0.6) {
      String docLang = pools.get("document", lang, split.id()).isEmpty() ? "en" : lang;
      String doc = fillers.fill(pickOr(rnd, pools.get("document", docLang, split.id()), pools.get("document", "en", split.id())), rnd);
      if (rnd.nextBoolean()) {
        return new LabelledText(id, doc, LabelledText.BENIGN, "tool_output_benign:hard_document", docLang, SOURCE, "tool");
      }
      blocks.clear();
      for (String line : doc.split("\n")) {
        blocks.add(line);
      }
      type = "hard_document";
    } else {
      type = "plain";
    }
    decorate(blocks, kind, rnd);
    String text = kind.render(title, blocks, fillers, rnd);
    return new LabelledText(id, text, LabelledText.BENIGN, "tool_output_benign:" + kind.id() + ":" + type, lang, SOURCE, "tool");
  }

  /** Harmless markup, encoded blobs and comments, in injected and benign documents alike, so they are not a tell. */
  private void decorate(List<String> blocks, DocumentKind kind, Random rnd) {
    if (rnd.nextDouble() >= 0.35) {
      return;
    }
    String d = switch (rnd.nextInt(8)) {
      case 0 -> "<!-- " + Disguise.pick(rnd, "footer", "tracking pixel", "generated by CMS v4.2", "begin sidebar", "TODO: fix layout") + " -->";
      case 1 -> "<div style=\"display:none\">" + Disguise.pick(rnd, "Newsletter signup", "Loading…", "Cookie settings", "Skip to content") + "</div>";
      case 2 -> "<img src=\"data:image/png;base64," + randomBase64(rnd, 24 + rnd.nextInt(60)) + "\" alt=\"" + Disguise.pick(rnd, "logo", "product photo", "chart") + "\">";
      case 3 -> "# TODO: " + Disguise.pick(rnd, "handle timeouts", "remove debug output", "ignore empty rows", "retry failed uploads");
      case 4 -> "{\"note\": \"" + Disguise.pick(rnd, "internal use only", "imported from CRM", "reviewed by finance", "do not edit manually") + "\"}";
      case 5 -> "Attachment: report_" + rnd.nextInt(100) + ".pdf (sha256 " + randomHex(rnd, 32) + ")";
      case 6 -> "[" + Disguise.pick(rnd, "Image: team photo", "Advertisement", "Sponsored", "Map of the area") + "]";
      default -> "Tracking: " + fillers.url(rnd) + "?utm_source=newsletter&utm_medium=email&id=" + randomHex(rnd, 8);
    };
    insert(blocks, d, rnd, 0, blocks.size() + 1);
  }

  private String payload(String lang, Split split, Random rnd) {
    List<String> whole = pools.get("whole", lang, split.id());
    if (!whole.isEmpty() && rnd.nextDouble() < 0.15) {
      return whole.get(rnd.nextInt(whole.size()));
    }
    StringBuilder sb = new StringBuilder();
    List<String> addressees = pools.get("addressee", lang, split.id());
    List<String> openers = pools.get("opener", lang, split.id());
    List<String> conceals = pools.get("conceal", lang, split.id());
    if (addressees.isEmpty()) {
      addressees = pools.get("addressee", lang, "train");
    }
    if (!addressees.isEmpty() && rnd.nextDouble() < 0.85) {
      sb.append(addressees.get(rnd.nextInt(addressees.size())));
    }
    if (!openers.isEmpty() && rnd.nextDouble() < 0.6) {
      sb.append(openers.get(rnd.nextInt(openers.size())));
    }
    List<String> actions = pools.get("action", lang, split.id());
    String action = actions.get(rnd.nextInt(actions.size()));
    if (sb.length() == 0 || sb.charAt(sb.length() - 1) == '\n' || sb.toString().stripTrailing().endsWith(":")) {
      action = capitalise(action);
    }
    sb.append(action);
    if (!conceals.isEmpty() && rnd.nextDouble() < 0.4) {
      sb.append(conceals.get(rnd.nextInt(conceals.size())));
    }
    return sb.toString();
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  private static void insert(List<String> blocks, String block, Random rnd, int from, int to) {
    int lo = Math.max(0, Math.min(from, blocks.size()));
    int hi = Math.max(lo + 1, Math.min(to, blocks.size() + 1));
    blocks.add(lo + rnd.nextInt(hi - lo), block);
  }

  private static String pickOr(Random rnd, List<String> pool, List<String> fallback) {
    List<String> p = pool.isEmpty() ? fallback : pool;
    return p.get(rnd.nextInt(p.size()));
  }

  private static String randomBase64(Random rnd, int bytes) {
    byte[] b = new byte[bytes];
    rnd.nextBytes(b);
    return java.util.Base64.getEncoder().encodeToString(b);
  }

  private static String randomHex(Random rnd, int bytes) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < bytes; i++) {
      sb.append(String.format("%02x", rnd.nextInt(256)));
    }
    return sb.toString();
  }

  /** The hand-written held-out documents of {@code handwritten.txt} (test only). */
  public List<LabelledText> handwritten() {
    ContentPools hw = ContentPools.load("handwritten.txt");
    List<LabelledText> out = new ArrayList<>();
    for (String section : hw.sections()) {
      String[] h = section.split(" ");
      String label = h[0];
      String lang = h[1];
      String kind = h[2];
      List<String> docs = hw.get(label, lang, kind);
      for (int i = 0; i < docs.size(); i++) {
        out.add(new LabelledText(SOURCE + ":handwritten-" + label + "-" + lang + "-" + kind + "-" + i, docs.get(i),
            label.equals("injected") ? LabelledText.INJECTION : LabelledText.BENIGN,
            (label.equals("injected") ? "tool_output:" : "tool_output_benign:") + "handwritten:" + kind, lang, SOURCE, "tool"));
      }
    }
    return out;
  }
}
