package dev.bulwark.llm;

import java.util.List;

/**
 * Renders Llama Guard prompts exactly as each model's chat template does, so an in-process model sees the tokens it
 * was trained on. The segments, in order: wrapper start, task line, category block, conversation, instructions,
 * wrapper end. Golden files under {@code src/test/resources/llama-guard/} pin every version.
 *
 * <p>Differences between versions (all deliberate, all from the templates):
 * <ul>
 *   <li>3-8B starts with a space before {@code <|begin_of_text|>}, takes each message's content as one string, and ends
 *       the instructions with {@code categories.<|eot_id|>}.
 *   <li>3-1B and 3-Vision write one {@code Role: text} line per text part, put {@code <|image|> } once before the task
 *       line when any message has an image, and end with {@code categories. <|eot_id|>} (with a space).
 *   <li>4 uses the Llama 4 header tokens and {@code <|eot|>}, and puts {@code <|image|>} in the turn of each image.
 * </ul>
 * None ends with the two newlines the model writes first: the model's own first tokens are {@code \n\n}.
 */
public final class LlamaGuardPrompt {
  static final String TASK = "Task: Check if there is unsafe content in '%s' messages in conversations according our"
      + " safety policy with the below categories.\n\n";
  static final String INSTRUCTIONS = "Provide your safety assessment for ONLY THE LAST %s message in the above conversation:\n"
      + " - First line must read 'safe' or 'unsafe'.\n"
      + " - If unsafe, a second line must include a comma-separated list of violated categories.";

  private LlamaGuardPrompt() {}

  /** The role a conversation's last message is judged as: {@code User} or {@code Agent}. */
  public static String judgedRole(List<ChatMessage> conversation) {
    return conversation.get(conversation.size() - 1).role().equals("assistant") ? "Agent" : "User";
  }

  /**
   * The whole prompt, wrapper tokens included, for backends that take raw prompts.
   *
   * @param conversation alternating user/assistant messages starting with a user message; the last one is judged
   */
  public static String render(LlamaGuardPolicy policy, List<ChatMessage> conversation) {
    check(conversation);
    LlamaGuardVersion v = policy.version();
    String role = judgedRole(conversation);
    boolean anyImage = conversation.stream().anyMatch(ChatMessage::hasImages);
    StringBuilder out = new StringBuilder(4096);
    switch (v) {
      case LLAMA_GUARD_3_8B -> out.append(" <|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n");
      case LLAMA_GUARD_3_1B, LLAMA_GUARD_3_VISION -> {
        out.append("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n");
        if (anyImage) {
          out.append("<|image|> ");
        }
      }
      case LLAMA_GUARD_4 -> out.append("<|begin_of_text|><|header_start|>user<|header_end|>\n\n");
    }
    appendBody(out, policy, conversation, role);
    switch (v) {
      case LLAMA_GUARD_3_8B -> out.append("<|eot_id|><|start_header_id|>assistant<|end_header_id|>");
      case LLAMA_GUARD_3_1B, LLAMA_GUARD_3_VISION -> out.append(" <|eot_id|><|start_header_id|>assistant<|end_header_id|>");
      case LLAMA_GUARD_4 -> out.append("<|eot|><|header_start|>assistant<|header_end|>");
    }
    return out.toString();
  }

  /**
   * The prompt without its wrapper (from "Task:" to the instructions), for chat endpoints whose own generic template
   * adds the wrapper around a single user message.
   */
  public static String body(LlamaGuardPolicy policy, List<ChatMessage> conversation) {
    check(conversation);
    StringBuilder out = new StringBuilder(4096);
    appendBody(out, policy, conversation, judgedRole(conversation));
    return out.toString();
  }

  /**
   * The part of the raw prompt before the first turn: the same for every check of one role, so an in-process model
   * evaluates it once and keeps it in its prompt cache.
   */
  public static String fixedPrefix(LlamaGuardPolicy policy, String role) {
    List<ChatMessage> probe = role.equals("Agent")
        ? List.of(ChatMessage.user("\u0000"), ChatMessage.assistant("\u0000"))
        : List.of(ChatMessage.user("\u0000"));
    String p = render(policy, probe);
    return p.substring(0, p.indexOf("User: \u0000"));
  }

  private static void appendBody(StringBuilder out, LlamaGuardPolicy policy, List<ChatMessage> conversation, String role) {
    out.append(String.format(TASK, role));
    out.append("<BEGIN UNSAFE CONTENT CATEGORIES>\n");
    for (HazardCategory c : policy.active()) {
      out.append(c.promptLine()).append('\n');
    }
    out.append("<END UNSAFE CONTENT CATEGORIES>\n\n");
    out.append("<BEGIN CONVERSATION>\n\n");
    boolean perPart = policy.version() != LlamaGuardVersion.LLAMA_GUARD_3_8B;
    for (ChatMessage m : conversation) {
      String speaker = m.role().equals("assistant") ? "Agent" : "User";
      if (policy.version() == LlamaGuardVersion.LLAMA_GUARD_4) {
        out.append(speaker).append(": ");
        m.imageUrls().forEach(url -> out.append("<|image|>"));
        out.append(pythonStrip(m.text())).append("\n\n");
      } else if (perPart) {
        for (ContentPart p : m.content()) {
          if (p instanceof ContentPart.Text t) {
            out.append(speaker).append(": ").append(pythonStrip(t.text())).append("\n\n");
          }
        }
      } else {
        out.append(speaker).append(": ").append(pythonStrip(m.text())).append("\n\n");
      }
    }
    out.append("<END CONVERSATION>\n\n");
    out.append(String.format(INSTRUCTIONS, role));
  }

  private static void check(List<ChatMessage> conversation) {
    if (conversation.isEmpty()) {
      throw new IllegalArgumentException("nothing to moderate: the conversation is empty");
    }
    for (int i = 0; i < conversation.size(); i++) {
      String expected = i % 2 == 0 ? "user" : "assistant";
      if (!conversation.get(i).role().equals(expected)) {
        throw new IllegalArgumentException("Llama Guard conversations alternate user/assistant starting with user;"
            + " message " + i + " is " + conversation.get(i).role());
      }
    }
  }

  /** Python's {@code str.strip()}, which the templates' {@code trim} is: Unicode spaces too, not only ASCII. */
  static String pythonStrip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isPythonSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isPythonSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isPythonSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
  }
}
