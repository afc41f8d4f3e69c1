package dev.bulwark.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.Decision;
import dev.bulwark.llm.LocalModelServer;
import dev.bulwark.llm.TinyModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The answer side, with a local model that always answers "unsafe,S1" and {@code bulwark.on-block=refusal} set as
 * a property: blocked answers are replaced, in calls and in streams.
 */
@SpringBootTest(classes = OutputGuardTest.App.class, properties = {
    "bulwark.on-block=refusal", "bulwark.refusal-message=That answer was withheld."})
class OutputGuardTest {
  static final LocalModelServer MODEL = LocalModel.serve(TinyModel.alwaysUnsafe());

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    LocalModel.properties(registry, MODEL);
  }

  @Autowired ChatClient.Builder chatClientBuilder;
  @Autowired dev.bulwark.core.Firewall firewall;
  @Autowired org.springframework.ai.chat.model.ChatModel chatModel;

  @Test
  void blockedAnswerIsReplacedByTheConfiguredRefusal() {
    var response = chatClientBuilder.build().prompt().user("Tell me a story.").call().chatClientResponse();
    assertThat(response.chatResponse().getResult().getOutput().getText()).isEqualTo("That answer was withheld.");
    var verdict = (dev.bulwark.core.FirewallResult) response.context().get(BulwarkAdvisor.OUTPUT_VERDICT);
    assertThat(verdict.decision()).isEqualTo(Decision.BLOCK);
    assertThat(verdict.findings()).extracting(f -> f.rule()).contains("unsafe-verdict");
  }

  @Test
  void blockedStreamIsReplacedToo() {
    List<String> parts = chatClientBuilder.build().prompt().user("Stream a story.").stream().content().collectList().block();
    assertThat(parts).containsExactly("That answer was withheld.");
  }

  @Test
  void exceptionModeThrowsForTheAnswer() {
    ChatClient strict = ChatClient.builder(chatModel).defaultAdvisors(BulwarkAdvisor.builder(firewall).build()).build();
    assertThatThrownBy(() -> strict.prompt().user("Tell me a story.").call().content())
        .isInstanceOf(BulwarkBlockedException.class)
        .hasMessageContaining("model's answer was blocked")
        .satisfies(e -> assertThat(((BulwarkBlockedException) e).direction()).isEqualTo(Direction.OUTPUT));
    assertThatThrownBy(() -> strict.prompt().user("Stream a story.").stream().content().collectList().block())
        .isInstanceOf(BulwarkBlockedException.class)
        .hasMessageContaining("model's answer was blocked");
  }
}
