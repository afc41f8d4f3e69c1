package dev.bulwark.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON for {@code /v1/moderations} (contracts §5), both shapes.
 *
 * <p>Requests: OpenAI {@code {"input": "text" | ["text", ...] | [content parts], "model"?}} or Llama API
 * {@code {"messages": [{"role", "content": "text" | [content items]}], "model"?}}. Content parts are
 * {@code {"type": "text", "text"}} and {@code {"type": "image_url", "image_url": {"url"}}} (a plain string
 * {@code "image_url"} is accepted too).
 *
 * <p>Answers: OpenAI {@code {"id", "model", "results": [{"flagged", "categories", "category_scores",
 * "category_applied_input_types", ...}]}} with OpenAI's category keys ({@link OpenAiModerationCategories}), plus
 * Bulwark's {@code flagged_codes}, {@code unmapped_codes}, {@code hazard_category_scores}, {@code score} and
 * {@code score_source}; Llama API {@code {"model", "results": [{"flagged", "flagged_categories": ["S1", ...]}]}}.
 */
public final class ModerationJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Most inputs per OpenAI-shaped request. */
  public static final int MAX_INPUTS = 64;

  private ModerationJson() {}

  /**
   * Reads a request body given as bytes, refusing anything that is not valid UTF-8.
   *
   * @throws IllegalArgumentException with a message fit for an HTTP 400 answer
   */
  public static ModerationRequest read(byte[] body) {
    try {
      return read(java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(body)).toString());
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalArgumentException("request body is not valid UTF-8");
    }
  }

  /**
   * Reads a request body.
   *
   * @throws IllegalArgumentException with a message fit for an HTTP 400 answer
   */
  public static ModerationRequest read(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("request body must be a JSON object with 'input' or 'messages'");
    }
    String model = root.path("model").isTextual() ? root.path("model").asText() : null;
    boolean hasInput = root.has("input");
    boolean hasMessages = root.has("messages");
    if (hasInput == hasMessages) {
      throw new IllegalArgumentException("give exactly one of 'input' (OpenAI shape) or 'messages' (Llama API shape)");
    }
    if (hasInput) {
      return new ModerationRequest(ModerationRequest.Shape.OPENAI, inputs(root.get("input")), model);
    }
    JsonNode messages = root.get("messages");
    if (!messages.isArray() || messages.isEmpty()) {
      throw new IllegalArgumentException("'messages' must be a non-empty array");
    }
    List<ChatMessage> conversation = new ArrayList<>();
    int i = 0;
    for (JsonNode m : messages) {
      if (!m.isObject() || !m.path("role").isTextual()) {
        throw new IllegalArgumentException("messages[" + i + "] must be an object with a 'role'");
      }
      conversation.add(new ChatMessage(m.get("role").asText(), parts(m.get("content"), "messages[" + i + "].content")));
      i++;
    }
    return new ModerationRequest(ModerationRequest.Shape.LLAMA, List.of(conversation), model);
  }

  private static List<List<ChatMessage>> inputs(JsonNode input) {
    List<List<ChatMessage>> out = new ArrayList<>();
    if (input.isTextual()) {
      out.add(List.of(ChatMessage.user(input.asText())));
    } else if (input.isArray() && !input.isEmpty() && input.get(0).isObject()) {
      out.add(List.of(new ChatMessage("user", parts(input, "input"))));
    } else if (input.isArray() && !input.isEmpty()) {
      if (input.size() > MAX_INPUTS) {
        throw new IllegalArgumentException("'input' has " + input.size() + " items; at most " + MAX_INPUTS + " per request");
      }
      int i = 0;
      for (JsonNode t : input) {
        if (!t.isTextual()) {
          throw new IllegalArgumentException("input[" + i + "] must be a string");
        }
        out.add(List.of(ChatMessage.user(t.asText())));
        i++;
      }
    } else {
      throw new IllegalArgumentException("'input' must be a string, a non-empty array of strings, or an array of content parts");
    }
    return out;
  }

  private static List<ContentPart> parts(JsonNode content, String where) {
    List<ContentPart> parts = new ArrayList<>();
    if (content == null || content.isNull()) {
      throw new IllegalArgumentException(where + " is missing");
    }
    if (content.isTextual()) {
      parts.add(ContentPart.text(content.asText()));
      return parts;
    }
    if (!content.isArray()) {
      throw new IllegalArgumentException(where + " must be a string or an array of content parts");
    }
    int i = 0;
    for (JsonNode p : content) {
      String type = p.path("type").asText("");
      switch (type) {
        case "text" -> parts.add(ContentPart.text(p.path("text").asText("")));
        case "image_url" -> {
          JsonNode url = p.path("image_url").isTextual() ? p.path("image_url") : p.path("image_url").path("url");
          if (!url.isTextual() || url.asText().isBlank()) {
            throw new IllegalArgumentException(where + "[" + i + "].image_url.url is missing");
          }
          parts.add(ContentPart.image(url.asText()));
        }
        default -> throw new IllegalArgumentException(where + "[" + i + "]: unknown content type '" + type
            + "'; expected text or image_url");
      }
      i++;
    }
    return parts;
  }

  /** S2 before S10; codes without a number (custom policies) after, by name. */
  private static int byCodeNumber(String a, String b) {
    return java.util.Comparator.<String>comparingInt(c -> {
      String digits = c.replaceAll("\\D", "");
      return digits.isEmpty() || digits.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }).thenComparing(c -> c).compare(a, b);
  }

  /** The answer in the request's shape. */
  public static String write(ModerationResponse response) {
    ObjectNode root = JSON.createObjectNode();
    if (response.shape() == ModerationRequest.Shape.OPENAI) {
      root.put("id", response.id());
    }
    root.put("model", response.model());
    ArrayNode results = root.putArray("results");
    for (ModerationResponse.Result r : response.results()) {
      ObjectNode o = results.addObject();
      if (response.shape() == ModerationRequest.Shape.LLAMA) {
        o.put("flagged", r.flagged());
        ArrayNode cats = o.putArray("flagged_categories");
        r.flaggedCodes().forEach(cats::add);
        continue;
      }
      // OpenAI's flagged means "some category below is true"; both come from the same hazard codes.
      o.put("flagged", r.openAiFlagged());
      ObjectNode cats = o.putObject("categories");
      for (Map.Entry<String, Boolean> e : r.openAiCategories().entrySet()) {
        cats.put(e.getKey(), e.getValue());
      }
      ObjectNode scores = o.putObject("category_scores");
      for (Map.Entry<String, Double> e : r.openAiCategoryScores().entrySet()) {
        scores.put(e.getKey(), e.getValue());
      }
      ObjectNode applied = o.putObject("category_applied_input_types");
      for (String key : OpenAiModerationCategories.KEYS) {
        ArrayNode types = applied.putArray(key);
        if (!OpenAiModerationCategories.UNJUDGED.contains(key)) {
          r.inputTypes().forEach(types::add);
        }
      }
      ArrayNode codes = o.putArray("flagged_codes");
      r.flaggedCodes().forEach(codes::add);
      ArrayNode unmapped = o.putArray("unmapped_codes");
      r.unmappedCodes().forEach(unmapped::add);
      ObjectNode hazards = o.putObject("hazard_category_scores");
      r.codeScores().entrySet().stream().sorted(Map.Entry.comparingByKey(ModerationJson::byCodeNumber))
          .forEach(e -> hazards.put(e.getKey(), e.getValue()));
      o.put("score", r.score());
      o.put("score_source", r.scoreSource().name().toLowerCase(java.util.Locale.ROOT));
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
