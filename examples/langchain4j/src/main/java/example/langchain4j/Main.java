package example.langchain4j;

import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallConfig;
import dev.bulwark.langchain4j.BulwarkInputGuardrail;
import dev.bulwark.langchain4j.BulwarkOutputGuardrail;
import dev.langchain4j.guardrail.GuardrailException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;

/** A LangChain4j AI service guarded by Bulwark on both sides of the model call; each argument is one question. */
public final class Main {
  interface Assistant {
    String chat(String message);
  }

  public static void main(String[] args) {
    ChatModel model = new FakeChatModel();  // e.g. OpenAiChatModel.builder()...build() in a real application
    try (Firewall firewall = Firewall.fromConfig(FirewallConfig.fromLocation("classpath:bulwark.yaml"))) {
      Assistant assistant = AiServices.builder(Assistant.class)
          .chatModel(model)
          .inputGuardrails(new BulwarkInputGuardrail(firewall))    // the user's message, before the call
          .outputGuardrails(new BulwarkOutputGuardrail(firewall))  // the answer, with the question as context
          .build();
      for (String question : args) {
        try {
          System.out.println("answer: " + assistant.chat(question));
        } catch (GuardrailException refused) {  // InputGuardrailException or OutputGuardrailException
          System.out.println("refused: " + refused.getMessage());
        }
      }
    }
  }
}
