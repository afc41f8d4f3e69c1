package dev.bulwark.springai.example;

import dev.bulwark.springai.BulwarkBlockedException;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Service;

/**
 * A Spring Boot application whose auto-configured ChatClient is guarded by Bulwark: with bulwark-spring-ai on the
 * class path, the advisor joins every ChatClient built from the injected builder.
 */
@SpringBootApplication
public class GuardedChatApplication {
  public static void main(String[] args) {
    SpringApplication.run(GuardedChatApplication.class, args);
  }

  @Service
  public static class Answers {
    private final ChatClient chat;

    public Answers(ChatClient.Builder builder) {
      this.chat = builder.build();
    }

    public String answer(String question) {
      try {
        return chat.prompt().user(question).call().content();
      } catch (BulwarkBlockedException refused) {
        return "Refused: " + refused.getMessage();  // refused.result() has the decision, score and findings
      }
    }
  }
}
