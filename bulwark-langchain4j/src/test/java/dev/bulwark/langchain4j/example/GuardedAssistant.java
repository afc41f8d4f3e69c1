package dev.bulwark.langchain4j.example;

import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallConfig;
import dev.bulwark.langchain4j.BulwarkInputGuardrail;
import dev.bulwark.langchain4j.BulwarkOutputGuardrail;
import dev.langchain4j.guardrail.GuardrailException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;

/** A LangChain4j AI service guarded by Bulwark on both sides of the model call. */
public final class GuardedAssistant {
  interface Assistant {
    String chat(String message);
  }

  private final Assistant assistant;

  public GuardedAssistant(ChatModel model, Firewall firewall) {
    this.assistant = AiServices.builder(Assistant.class)
        .chatModel(model)
        .inputGuardrails(new BulwarkInputGuardrail(firewall))    // user message, before the call
        .outputGuardrails(new BulwarkOutputGuardrail(firewall))  // the answer, with the question as context
        .build();
  }

  public String ask(String question) {
    try {
      return assistant.chat(question);
    } catch (GuardrailException refused) {  // InputGuardrailException or OutputGuardrailException
      return "Refused: " + refused.getMessage();
    }
  }

  public static void main(String[] args) {
    ChatModel model = OpenAiChatModel.builder()
        .baseUrl("http://127.0.0.1:8081/v1")  // any OpenAI-compatible server, e.g. ./bulwark serve-llm
        .apiKey("local")
        .modelName("llama")
        .build();
    try (Firewall firewall = Firewall.fromConfig(FirewallConfig.fromLocation("classpath:bulwark.yaml"))) {
      System.out.println(new GuardedAssistant(model, firewall).ask(String.join(" ", args)));
    }
  }
}
