package dev.bulwark.classifier.data;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One labelled row, in the datasets' JSONL shape: {@code {"id", "text", "label", "category", "lang", "source"}}.
 * Labels are {@code benign}, {@code injection} or {@code jailbreak}; {@code role} is the message role the text would
 * have (tool outputs are {@code tool}); {@code evidence} holds, when known, the exact strings that make the row an
 * attack (the inserted instruction of a generated document), so training can label the pieces of a long document.
 */
public record LabelledText(String id, String text, String label, String category, String lang, String source, String role,
    List<String> evidence) {

  public static final String BENIGN = "benign";
  public static final String INJECTION = "injection";
  public static final String JAILBREAK = "jailbreak";

  public LabelledText {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    label = label == null ? BENIGN : label.toLowerCase(Locale.ROOT);
    category = category == null ? "" : category;
    lang = lang == null ? "" : lang;
    source = source == null ? "" : source;
    role = role == null || role.isEmpty() ? "user" : role;
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }

  /** A row without evidence. */
  public LabelledText(String id, String text, String label, String category, String lang, String source, String role) {
    this(id, text, label, category, lang, source, role, List.of());
  }

  /** True for the attack labels (anything but benign/safe). */
  public boolean malicious() {
    return !label.equals(BENIGN) && !label.equals("safe");
  }

  /** The part of the category before the first colon ({@code indirect:bipia_email:...} gives {@code indirect}). */
  public String categoryPrefix() {
    int c = category.indexOf(':');
    return c < 0 ? category : category.substring(0, c);
  }
}
