package dev.bulwark.llm.scanners;

import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.ToolCall;
import dev.bulwark.core.Trace;
import dev.bulwark.llm.ChatMessage;
import dev.bulwark.llm.ContentPart;
import java.util.ArrayList;
import java.util.List;

/** Firewall messages as LLM chat messages. */
final class TraceMessages {
  /**
   * Message attribute with image URLs (http(s) or data:), separated by whitespace: how callers attach images to a
   * message for Llama Guard 3-Vision and 4.
   */
  static final String IMAGE_URLS = "image_urls";

  private TraceMessages() {}

  /**
   * The context's user and assistant messages followed by the judged message. A judged message of another role
   * (tool output, memory, system) is untrusted input and is judged as a user turn.
   */
  static List<ChatMessage> conversation(Trace context, Message message) {
    List<ChatMessage> out = new ArrayList<>();
    for (Message m : context) {
      if (m.role() == Role.USER || m.role() == Role.ASSISTANT) {
        out.add(chat(m, m.role() == Role.USER ? "user" : "assistant"));
      }
    }
    out.add(chat(message, message.role() == Role.ASSISTANT ? "assistant" : "user"));
    return out;
  }

  static ChatMessage chat(Message m, String role) {
    List<ContentPart> parts = new ArrayList<>();
    String text = m.content();
    if (!m.toolCalls().isEmpty()) {
      StringBuilder sb = new StringBuilder(text);
      for (ToolCall call : m.toolCalls()) {
        if (sb.length() > 0) {
          sb.append('\n');
        }
        sb.append("[calls tool ").append(call.name()).append(" with ").append(call.arguments()).append(']');
      }
      text = sb.toString();
    }
    String images = m.attribute(IMAGE_URLS);
    if (images != null) {
      for (String url : images.trim().split("\\s+")) {
        if (!url.isEmpty()) {
          parts.add(ContentPart.image(url));
        }
      }
    }
    parts.add(ContentPart.text(text));
    return new ChatMessage(role, parts);
  }
}
