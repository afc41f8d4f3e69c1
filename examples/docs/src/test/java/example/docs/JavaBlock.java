package example.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One ```java block of a Markdown file: its code, the line its first code line is on, and the context an HTML comment
 * right above the fence gives it ({@code <!-- compile with: ... -->}, invisible on the rendered page): imports, and
 * the declarations (fields, types) a fragment refers to without declaring them.
 */
record JavaBlock(Path file, int firstLine, String code, String context, int contextLine) {
  private static final Pattern CONTEXT = Pattern.compile("(?s)<!--\\s*compile with:((?:(?!-->).)*)-->\\s*$");

  /** Every ```java block of a Markdown text, in order. */
  static List<JavaBlock> in(Path file, String markdown) {
    List<String> lines = markdown.lines().toList();
    List<JavaBlock> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("```java")) {
        continue;
      }
      int fence = i;
      StringBuilder code = new StringBuilder();
      for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
        code.append(lines.get(i)).append('\n');
      }
      if (i == lines.size()) {
        throw new IllegalStateException(file + ":" + (fence + 1) + ": ```java block is never closed");
      }
      String context = "";
      int contextLine = fence + 1;
      Matcher m = CONTEXT.matcher(String.join("\n", lines.subList(Math.max(0, fence - 30), fence)));
      if (m.find()) {
        context = m.group(1).strip();
        contextLine = fence - (int) m.group().lines().count() + 1;
      }
      blocks.add(new JavaBlock(file, fence + 2, code.toString(), context, contextLine));
    }
    return blocks;
  }

  /** Where this block is, as an editor's file:line. */
  String location() {
    return file + ":" + firstLine;
  }
}
