package dev.bulwark.llm;

import java.util.Objects;

/** One part of a chat message's content: text, or an image given by URL (http(s) or a {@code data:} URL). */
public sealed interface ContentPart permits ContentPart.Text, ContentPart.ImageUrl {

  record Text(String text) implements ContentPart {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  record ImageUrl(String url) implements ContentPart {
    public ImageUrl {
      Objects.requireNonNull(url, "url");
    }
  }

  static ContentPart text(String text) {
    return new Text(text);
  }

  static ContentPart image(String url) {
    return new ImageUrl(url);
  }
}
