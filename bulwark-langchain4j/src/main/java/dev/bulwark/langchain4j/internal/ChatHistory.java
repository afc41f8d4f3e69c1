package dev.bulwark.langchain4j.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.ToolCall;
import dev.langchain4j.guardrail.GuardrailRequestParams;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.model.input.PromptTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** LangChain4j messages as Bulwark messages: user, assistant (with tool calls), system and tool results. */
public final class ChatHistory {
  private ChatHistory() {}

  /** The text parts of a user message, joined by newlines (images and other media are not text scanners' input). */
  public static String text(UserMessage m) {
    return m.contents().stream()
        .filter(c -> c instanceof TextContent)
        .map(c -> ((TextContent) c).text())
        .collect(Collectors.joining("\n"));
  }

  public static Message assistant(AiMessage m) {
    List<ToolCall> calls = new ArrayList<>();
    if (m.hasToolExecutionRequests()) {
      for (ToolExecutionRequest r : m.toolExecutionRequests()) {
        calls.add(new ToolCall(r.id(), r.name(), r.arguments() == null ? "{}" : r.arguments()));
      }
    }
    return new Message(Role.ASSISTANT, m.text() == null ? "" : m.text(), calls, Map.of());
  }

  /**
   * The user's turn as the method's template and arguments make it, before RAG appended anything; null when there
   * is no template or it cannot be rendered here.
   */
  public static String renderedUserTurn(GuardrailRequestParams params) {
    String template = params.userMessageTemplate();
    if (template == null || template.isBlank()) {
      return null;
    }
    try {
      return PromptTemplate.from(template).apply(params.variables()).text();
    } catch (RuntimeException e) {
      // A template LangChain4j could render but we cannot (custom variables): no rendered turn.
      return null;
    }
  }

  /** The memory's messages as Bulwark messages, oldest first; empty without memory. */
  public static List<Message> of(ChatMemory memory) {
    List<Message> out = new ArrayList<>();
    if (memory == null) {
      return out;
    }
    for (ChatMessage m : memory.messages()) {
      Message converted = convert(m);
      if (converted != null) {
        out.add(converted);
      }
    }
    return out;
  }

  /** A request's messages as Bulwark messages, oldest first (those Bulwark has no role for are left out). */
  public static List<Message> of(List<ChatMessage> messages) {
    List<Message> out = new ArrayList<>();
    for (ChatMessage m : messages) {
      Message converted = convert(m);
      if (converted != null) {
        out.add(converted);
      }
    }
    return out;
  }

  static Message convert(ChatMessage m) {
    if (m instanceof UserMessage u) {
      return Message.user(text(u));
    }
    if (m instanceof AiMessage a) {
      return assistant(a);
    }
    if (m instanceof SystemMessage s) {
      return Message.system(s.text());
    }
    if (m instanceof ToolExecutionResultMessage t) {
      return Message.tool(t.text() == null ? "" : t.text());
    }
    return null;
  }
}
