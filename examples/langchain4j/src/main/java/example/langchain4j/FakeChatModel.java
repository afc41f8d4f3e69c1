package example.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

/** Stands in for a real model (OpenAI, Ollama, ...), so the example needs no API key: it answers politely. */
public final class FakeChatModel implements ChatModel {
  @Override
  public ChatResponse doChat(ChatRequest request) {
    String question = "";
    for (ChatMessage m : request.messages()) {
      if (m instanceof UserMessage u) {
        question = u.singleText();
      }
    }
    return ChatResponse.builder().aiMessage(AiMessage.from("(fake model) Happy to help with: " + question)).build();
  }
}
