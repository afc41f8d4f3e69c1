package dev.bulwark.promptguard.corpus;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Shapes of tool output: what a web fetch, a mail tool, a file reader or an API call returns. Each renders a list of
 * body blocks (paragraphs, or an inserted payload) into a document of that shape.
 */
public enum DocumentKind {
  WEB_PAGE_HTML,
  WEB_PAGE_TEXT,
  EMAIL,
  INVOICE,
  MARKDOWN_FILE,
  API_JSON,
  SEARCH_RESULTS,
  PYTHON_CODE,
  JAVASCRIPT_CODE,
  CALENDAR_EVENT,
  CHAT_LOG,
  CSV_FILE,
  PRODUCT_REVIEWS,
  SUPPORT_TICKET;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String render(String title, List<String> blocks, Fillers f, Random rnd) {
    StringBuilder sb = new StringBuilder();
    switch (this) {
      case WEB_PAGE_HTML -> {
        sb.append("<!DOCTYPE html>\n<html><head><title>").append(title).append("</title></head>\n<body>\n<nav><a href=\"/\">Home</a> | <a href=\"/about\">About</a></nav>\n<h1>")
            .append(title).append("</h1>\n");
        for (String b : blocks) {
          sb.append(b.startsWith("<") ? b : "<p>" + b + "</p>").append('\n');
        }
        sb.append("<footer>© ").append(2018 + rnd.nextInt(7)).append(' ').append(f.company(rnd)).append("</footer>\n</body></html>");
      }
      case WEB_PAGE_TEXT -> {
        sb.append(title).append("\n\n");
        for (String b : blocks) {
          sb.append(b).append("\n\n");
        }
        sb.append("Share | Print | ").append(f.url(rnd));
      }
      case EMAIL -> {
        String from = f.name(rnd);
        sb.append("From: ").append(from).append(" <").append(f.email(rnd)).append(">\n");
        sb.append("To: ").append(f.email(rnd)).append('\n');
        sb.append("Subject: ").append(title).append('\n');
        sb.append("Date: ").append(f.date(rnd)).append("\n\n");
        sb.append(f.greeting(rnd)).append("\n\n");
        for (String b : blocks) {
          sb.append(b).append("\n\n");
        }
        sb.append(f.signoff(rnd)).append('\n').append(from);
      }
      case INVOICE -> {
        sb.append("INVOICE ").append(1000 + rnd.nextInt(9000)).append('\n');
        sb.append(f.company(rnd)).append(" | ").append(f.date(rnd)).append('\n');
        sb.append("Bill to: ").append(f.company(rnd)).append("\n\n");
        sb.append("Description | Qty | Unit price\n");
        int items = 1 + rnd.nextInt(4);
        for (int i = 0; i < items; i++) {
          sb.append(f.product(rnd)).append(" | ").append(1 + rnd.nextInt(9)).append(" | ").append(f.amount(rnd)).append('\n');
        }
        sb.append("Total due: ").append(f.amount(rnd)).append("\nPayment within 30 days to ").append(f.iban(rnd)).append("\n\nNotes:\n");
        for (String b : blocks) {
          sb.append(b).append('\n');
        }
      }
      case MARKDOWN_FILE -> {
        sb.append("# ").append(title).append("\n\n");
        for (String b : blocks) {
          sb.append(rnd.nextInt(4) == 0 ? "- " : "").append(b).append("\n\n");
        }
      }
      case API_JSON -> {
        sb.append("{\n  \"id\": ").append(rnd.nextInt(100000)).append(",\n  \"title\": \"").append(json(title)).append("\",\n  \"items\": [\n");
        for (int i = 0; i < blocks.size(); i++) {
          String b = blocks.get(i);
          sb.append("    ").append(b.startsWith("{") ? b : "{\"text\": \"" + json(b) + "\", \"author\": \"" + json(f.name(rnd)) + "\"}")
              .append(i + 1 < blocks.size() ? ",\n" : "\n");
        }
        sb.append("  ],\n  \"updated\": \"").append(f.date(rnd)).append("\"\n}");
      }
      case SEARCH_RESULTS -> {
        sb.append("Search results for \"").append(title).append("\"\n\n");
        int i = 1;
        for (String b : blocks) {
          sb.append(i++).append(". ").append(f.product(rnd)).append(" - ").append(f.url(rnd)).append('\n').append("   ").append(b).append("\n\n");
        }
      }
      case PYTHON_CODE -> {
        sb.append("\"\"\"").append(title).append(".\"\"\"\nimport json\n\n");
        for (String b : blocks) {
          sb.append(b.startsWith("#") ? b : "# " + b.replace("\n", "\n# ")).append('\n');
          sb.append("def step_").append(rnd.nextInt(100)).append("(data):\n    return [x for x in data if x]\n\n");
        }
      }
      case JAVASCRIPT_CODE -> {
        sb.append("// ").append(title).append("\nconst config = { retries: 3 };\n\n");
        for (String b : blocks) {
          sb.append(b.startsWith("//") || b.startsWith("/*") ? b : "/* " + b + " */").append('\n');
          sb.append("export function handler").append(rnd.nextInt(100)).append("(req) {\n  return fetch(req.url).then(r => r.json());\n}\n\n");
        }
      }
      case CALENDAR_EVENT -> {
        sb.append("BEGIN:VEVENT\nSUMMARY:").append(title).append("\nORGANIZER:mailto:").append(f.email(rnd)).append("\nDESCRIPTION:");
        sb.append(String.join("\\n", blocks).replace("\n", "\\n"));
        sb.append("\nLOCATION:Room ").append(100 + rnd.nextInt(400)).append("\nEND:VEVENT");
      }
      case CHAT_LOG -> {
        for (String b : blocks) {
          sb.append('[').append(String.format("%02d:%02d", 8 + rnd.nextInt(10), rnd.nextInt(60))).append("] ")
              .append(f.name(rnd)).append(": ").append(b).append('\n');
        }
      }
      case CSV_FILE -> {
        sb.append("id,name,comment,amount\n");
        int i = 1;
        for (String b : blocks) {
          sb.append(i++).append(',').append(f.name(rnd)).append(",\"").append(b.replace("\"", "\"\"")).append("\",").append(f.amount(rnd)).append('\n');
        }
      }
      case PRODUCT_REVIEWS -> {
        sb.append(title).append(" - customer reviews\n\n");
        for (String b : blocks) {
          int stars = 1 + rnd.nextInt(5);
          sb.append("★".repeat(stars)).append("☆".repeat(5 - stars)).append(' ').append(f.name(rnd)).append('\n').append(b).append("\n\n");
        }
      }
      case SUPPORT_TICKET -> {
        sb.append("Ticket #").append(10000 + rnd.nextInt(90000)).append(" - ").append(title).append("\nStatus: open\nRequester: ")
            .append(f.email(rnd)).append("\n\n");
        for (String b : blocks) {
          sb.append(b).append("\n\n");
        }
      }
    }
    return sb.toString().strip();
  }

  private static String json(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
