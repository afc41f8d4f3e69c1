package dev.bulwark.llm;

import dev.bulwark.llm.ChatMessage;
import java.util.List;
import java.util.Objects;

/**
 * One labelled message, in the datasets' JSONL shape plus the batch contract's conversation fields:
 * {@code {"id", "text", "label": "safe"|"unsafe", "category", "lang", "source", "role"?, "context"?}}.
 *
 * @param role the message's role ({@code user} unless given)
 * @param context the messages before it (e.g. the user's request an assistant reply answers)
 */
public record LabelledTurn(String id, String text, String label, String category, String lang, String source, String role,
    List<ChatMessage> context) {

  public static final String SAFE = "safe";
  public static final String UNSAFE = "unsafe";

  public LabelledTurn {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(label, "label");
    category = category == null ? "" : category;
    lang = lang == null ? "" : lang;
    source = source == null ? "" : source;
    role = role == null || role.isEmpty() ? "user" : role;
    context = context == null ? List.of() : List.copyOf(context);
  }

  public boolean unsafe() {
    return label.equals(UNSAFE);
  }

  /** True for an assistant reply, judged as an Agent turn. */
  public boolean reply() {
    return role.equals("assistant");
  }

  /** The user's request this reply answers: the text of the context's last user message, or "". */
  public String request() {
    for (int i = context.size() - 1; i >= 0; i--) {
      if (context.get(i).role().equals("user")) {
        return context.get(i).text();
      }
    }
    return "";
  }

  /** The whole conversation, ending with this message. */
  public List<ChatMessage> conversation() {
    List<ChatMessage> out = new java.util.ArrayList<>(context);
    out.add(ChatMessage.of(role, text));
    return out;
  }

  /** The S-code of an unsafe row with a mapped category ({@code S1}…{@code S14}), else "". */
  public String code() {
    return unsafe() && category.matches("S\\d{1,2}") ? category : "";
  }
}
