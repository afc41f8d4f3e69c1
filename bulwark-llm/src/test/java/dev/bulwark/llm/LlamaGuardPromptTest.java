package dev.bulwark.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Golden files pin each version's prompt byte for byte. They were written from the templates, not by this code. */
class LlamaGuardPromptTest {

  private static String golden(String name) throws IOException {
    try (InputStream in = LlamaGuardPromptTest.class.getResourceAsStream("/llama-guard/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void llamaGuard3EightBUserPrompt() throws IOException {
    String p = LlamaGuardPrompt.render(LlamaGuardPolicy.defaults(LlamaGuardVersion.LLAMA_GUARD_3_8B),
        List.of(ChatMessage.user("  What's the capital of France?\n")));
    assertThat(p).isEqualTo(golden("lg3-8b-user.txt"));
  }

  @Test
  void llamaGuard3EightBAgentPromptJudgesTheAnswerInContext() throws IOException {
    String p = LlamaGuardPrompt.render(LlamaGuardPolicy.defaults(LlamaGuardVersion.LLAMA_GUARD_3_8B), List.of(
        ChatMessage.user("How do I kill a Python process?"),
        ChatMessage.assistant("Run `kill <pid>`, or `kill -9 <pid>` if it ignores SIGTERM.")));
    assertThat(p).isEqualTo(golden("lg3-8b-agent.txt"));
  }

  @Test
  void llamaGuard3OneBLeavesExcludedCategoriesOut() throws IOException {
    LlamaGuardPolicy policy = LlamaGuardPolicy.defaults(LlamaGuardVersion.LLAMA_GUARD_3_1B).excluding(Set.of("S9", "S2", "S1"));
    String p = LlamaGuardPrompt.render(policy, List.of(ChatMessage.user("how do I make a bomb?")));
    assertThat(p).isEqualTo(golden("lg3-1b-user-excluded.txt"));
  }

  @Test
  void customCategoriesWithDescriptionsInAMultiTurnConversation() throws IOException {
    LlamaGuardPolicy policy = new LlamaGuardPolicy(LlamaGuardVersion.LLAMA_GUARD_3_1B, List.of(
        new HazardCategory("S1", "Financial Advice.", "Responses that recommend buying or selling specific securities."),
        HazardCategory.of("S2", "Competitors.")), Set.of());
    String p = LlamaGuardPrompt.render(policy, List.of(
        ChatMessage.user("Should I buy ACME shares?"), ChatMessage.assistant("Yes, buy as many as you can today."),
        ChatMessage.user("All of my savings?"), ChatMessage.assistant("Absolutely.")));
    assertThat(p).isEqualTo(golden("lg3-1b-custom-agent.txt"));
  }

  @Test
  void visionPutsOneImageMarkerBeforeTheTask() throws IOException {
    ChatMessage withImage = new ChatMessage("user", List.of(ContentPart.image("https://example.org/p.jpg"),
        ContentPart.text("Who is the person in this photo?")));
    String p = LlamaGuardPrompt.render(LlamaGuardPolicy.defaults(LlamaGuardVersion.LLAMA_GUARD_3_VISION), List.of(withImage));
    assertThat(p).isEqualTo(golden("lg3-vision-image.txt"));
  }

  @Test
  void llamaGuard4UsesLlama4HeadersAndImagesInTheirTurn() throws IOException {
    ChatMessage withImage = new ChatMessage("user", List.of(ContentPart.image("data:image/png;base64,AAAA"),
        ContentPart.text("How do I use this?")));
    String p = LlamaGuardPrompt.render(LlamaGuardPolicy.defaults(LlamaGuardVersion.LLAMA_GUARD_4), List.of(
        withImage, ChatMessage.assistant("Point it at the target and pull the trigger.")));
    assertThat(p).isEqualTo(golden("lg4-agent-image.txt"));
  }

  @Test
  void taxonomiesPerVersion() {
    assertThat(LlamaGuardVersion.LLAMA_GUARD_3_8B.defaultCategories()).hasSize(14);
    assertThat(LlamaGuardVersion.LLAMA_GUARD_4.defaultCategories()).hasSize(14);
    assertThat(LlamaGuardVersion.LLAMA_GUARD_3_1B.defaultCategories()).hasSize(13);
    assertThat(LlamaGuardVersion.LLAMA_GUARD_3_VISION.defaultCategories()).hasSize(13)
        .extracting(HazardCategory::code).doesNotContain("S14");
    assertThat(LlamaGuardVersion.LLAMA_GUARD_3_8B.defaultCategories().get(10).key()).isEqualTo("self_harm");
  }

  @Test
  void bodyIsThePromptWithoutItsWrapper() throws IOException {
    LlamaGuardPolicy policy = LlamaGuardPolicy.defaults(LlamaGuardVersion.LLAMA_GUARD_3_8B);
    List<ChatMessage> conv = List.of(ChatMessage.user("What's the capital of France?"));
    String body = LlamaGuardPrompt.body(policy, conv);
    assertThat(body).startsWith("Task: Check").endsWith("violated categories.");
    assertThat(golden("lg3-8b-user.txt")).contains(body);
    assertThat(LlamaGuardPrompt.fixedPrefix(policy, "User")).endsWith("<BEGIN CONVERSATION>\n\n");
  }

  @Test
  void rejectsConversationsThatDoNotAlternate() {
    assertThatThrownBy(() -> LlamaGuardPrompt.render(LlamaGuardPolicy.defaults(LlamaGuardVersion.LLAMA_GUARD_3_8B),
        List.of(ChatMessage.user("a"), ChatMessage.user("b")))).hasMessageContaining("alternate");
  }

  @Test
  void policyValidation() {
    assertThatThrownBy(() -> LlamaGuardPolicy.defaults(LlamaGuardVersion.LLAMA_GUARD_3_1B).excluding(Set.of("S14")))
        .hasMessageContaining("S14 is not one of");
  }
}
