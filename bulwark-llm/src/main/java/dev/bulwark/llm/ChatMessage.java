package dev.bulwark.llm;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A message in an LLM request, in the OpenAI chat shape: a role ({@code system}, {@code user}, {@code assistant},
 * {@code tool}) and content parts.
 */
public record ChatMessage(String role, List<ContentPart> content) {
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    content = List.copyOf(content);
  }

  public static ChatMessage of(String role, String text) {
    return new ChatMessage(role, List.of(new ContentPart.Text(text)));
  }

  public static ChatMessage system(String text) {
    return of("system", text);
  }

  public static ChatMessage user(String text) {
    return of("user", text);
  }

  public static ChatMessage assistant(String text) {
    return of("assistant", text);
  }

  /** The text parts joined by newlines (images left out). */
  public String text() {
    return content.stream()
        .filter(p -> p instanceof ContentPart.Text)
        .map(p -> ((ContentPart.Text) p).text())
        .collect(Collectors.joining("\n"));
  }

  public List<String> imageUrls() {
    return content.stream()
        .filter(p -> p instanceof ContentPart.ImageUrl)
        .map(p -> ((ContentPart.ImageUrl) p).url())
        .toList();
  }

  public boolean hasImages() {
    return content.stream().anyMatch(p -> p instanceof ContentPart.ImageUrl);
  }
}
