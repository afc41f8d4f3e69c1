package example.springboot;

import dev.bulwark.springai.BulwarkBlockedException;
import java.util.List;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;

/**
 * A Spring Boot application whose auto-configured ChatClient is guarded by Bulwark: with bulwark-spring-ai on the
 * class path, the advisor joins every ChatClient built from the injected builder. Each argument is one question.
 */
@SpringBootApplication
public class GuardedChatApplication {
  public static void main(String[] args) {
    SpringApplication.run(GuardedChatApplication.class, args).close();
  }

  /** Stands in for a real model (spring-ai-starter-model-openai, ...), so the example needs no API key. */
  @Bean
  ChatModel fakeChatModel() {
    return new ChatModel() {
      @Override
      public ChatResponse call(Prompt prompt) {
        String question = prompt.getUserMessage().getText();
        return new ChatResponse(List.of(new Generation(new AssistantMessage("(fake model) Happy to help with: " + question))));
      }
    };
  }

  @Bean
  CommandLineRunner askEach(Answers answers) {
    return args -> {
      for (String question : args) {
        System.out.println(answers.answer(question));
      }
    };
  }

  @Service
  public static class Answers {
    private final ChatClient chat;

    public Answers(ChatClient.Builder builder) {
      this.chat = builder.build();
    }

    public String answer(String question) {
      try {
        return "answer: " + chat.prompt().user(question).call().content();
      } catch (BulwarkBlockedException refused) {
        return "refused: " + refused.getMessage();  // refused.result() has the decision, score and findings
      }
    }
  }
}
