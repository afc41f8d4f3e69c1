package dev.bulwark.springai.internal;

import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/** Spring AI messages as Bulwark messages. */
public final class PromptMessages {
  private PromptMessages() {}

  public static Message convert(org.springframework.ai.chat.messages.Message m) {
    MessageType type = m.getMessageType();
    String text = m.getText() == null ? "" : m.getText();
    return switch (type) {
      case USER -> Message.user(text);
      case SYSTEM -> Message.system(text);
      case ASSISTANT -> m instanceof AssistantMessage a ? assistant(a) : Message.assistant(text);
      case TOOL -> Message.tool(toolText(m, text));
    };
  }

  public static List<Message> convert(List<org.springframework.ai.chat.messages.Message> messages) {
    List<Message> out = new ArrayList<>(messages.size());
    messages.forEach(m -> out.add(convert(m)));
    return out;
  }

  /** Every generation's text and tool calls as one assistant message; null when the response has none. */
  public static Message answer(ChatResponse response) {
    if (response == null || response.getResults() == null || response.getResults().isEmpty()) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    for (Generation g : response.getResults()) {
      AssistantMessage a = g.getOutput();
      if (a == null) {
        continue;
      }
      if (a.getText() != null && !a.getText().isEmpty()) {
        text.append(text.length() == 0 ? "" : "\n").append(a.getText());
      }
      a.getToolCalls().forEach(c -> calls.add(new ToolCall(c.id(), c.name(), c.arguments())));
    }
    return new Message(Role.ASSISTANT, text.toString(), calls, Map.of());
  }

  private static Message assistant(AssistantMessage a) {
    List<ToolCall> calls = new ArrayList<>();
    a.getToolCalls().forEach(c -> calls.add(new ToolCall(c.id(), c.name(), c.arguments())));
    return new Message(Role.ASSISTANT, a.getText() == null ? "" : a.getText(), calls, Map.of());
  }

  private static String toolText(org.springframework.ai.chat.messages.Message m, String text) {
    if (m instanceof ToolResponseMessage t && text.isEmpty()) {
      StringBuilder b = new StringBuilder();
      t.getResponses().forEach(r -> b.append(b.length() == 0 ? "" : "\n").append(r.responseData()));
      return b.toString();
    }
    return text;
  }
}
