package dev.bulwark.llm.embedded.train;

import dev.bulwark.llm.LabelledTurn;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.llm.ChatMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whole request/reply conversations written for Bulwark, one per line of
 * {@code responses/conversations-{train,test}.jsonl}: refusals in many styles, refusals that point to help,
 * compliance and partial compliance with harmful requests (unsafe, without operational detail), safe answers on
 * sensitive topics, everyday answers. Unlike the {@link ReplyCorpus}, which fills templates, each reply here was
 * written for its request, so the reply model learns to read real replies; the test file uses other topics and wording
 * and is never trained on.
 */
public final class HandwrittenConversations {
  public static final String SOURCE = "bulwark_conversations";
  private static final String BASE = "/dev/bulwark/llm/embedded/responses/";
  private static final Set<String> SAFE_KINDS = Set.of("refusal", "refusal_with_help", "sensitive_safe_info", "everyday", "alarming_benign");
  private static final Set<String> UNSAFE_KINDS = Set.of("compliance", "partial_compliance");

  private HandwrittenConversations() {}

  /** The split's conversations as assistant turns with the user's request as context. */
  public static List<LabelledTurn> read(ReplyCorpus.Split split) {
    String name = BASE + "conversations-" + (split == ReplyCorpus.Split.TRAIN ? "train" : "test") + ".jsonl";
    ObjectMapper json = new ObjectMapper();
    List<LabelledTurn> out = new ArrayList<>();
    try (InputStream in = HandwrittenConversations.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("class-path resource " + name + " is missing");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode o = json.readTree(line);
        String kind = o.path("kind").asText();
        String label = o.path("label").asText();
        boolean unsafe = UNSAFE_KINDS.contains(kind);
        if (!(unsafe || SAFE_KINDS.contains(kind)) || !label.equals(unsafe ? LabelledTurn.UNSAFE : LabelledTurn.SAFE)) {
          throw new IllegalStateException(name + ":" + n + ": kind '" + kind + "' and label '" + label + "' do not agree");
        }
        String code = o.path("code").asText("");
        // Unsafe rows carry their S-code as category (LabelledTurn.code() reads it); safe ones their kind and topic code.
        String category = unsafe ? code : kind + (code.isEmpty() ? "" : ":" + code);
        out.add(new LabelledTurn(SOURCE + ":" + o.path("id").asText("line-" + n), o.path("reply").asText(), label, category,
            o.path("lang").asText("en"), SOURCE, "assistant", List.of(ChatMessage.user(o.path("prompt").asText()))));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + name + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** The kind a row was written as ({@code refusal}, {@code compliance}, ...), for reports. */
  public static String kind(LabelledTurn row) {
    return row.category().replaceAll(":.*$", "");
  }
}
