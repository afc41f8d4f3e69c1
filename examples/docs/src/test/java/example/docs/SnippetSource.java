package example.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A documented Java block as a compilation unit javac accepts, and the way back from a line of that unit to the
 * Markdown line it came from. A block that starts with {@code package} or {@code import} is a whole file already; one
 * that starts with a type declaration is placed in a class; anything else is a method body.
 */
record SnippetSource(String className, String text, int codeOffset, JavaBlock block) {
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile("(?m)^public\\s+(?:(?:final|abstract|sealed)\\s+)*(?:class|interface|record|enum)\\s+(\\w+)");
  private static final Pattern MEMBER =
      Pattern.compile("^(?:@\\w+|(?:(?:public|protected|private|static|final|abstract|sealed)\\s+)*(?:class|interface|record|enum)\\s)");

  static SnippetSource of(JavaBlock block, int index) {
    String first = firstCodeLine(block.code());
    if (first.startsWith("package ") || first.startsWith("import ")) {
      if (!block.context().isEmpty()) {
        throw new IllegalStateException(block.location() + ": a whole file needs no 'compile with' comment");
      }
      Matcher m = PUBLIC_TYPE.matcher(block.code());
      return new SnippetSource(m.find() ? m.group(1) : "Snippet" + index, block.code(), 0, block);
    }
    List<String> imports = new ArrayList<>();
    List<String> members = new ArrayList<>();
    block.context().lines().map(String::strip).filter(l -> !l.isEmpty())
        .forEach(l -> (l.startsWith("import ") ? imports : members).add(l));
    String className = "Snippet" + index;
    StringBuilder text = new StringBuilder();
    imports.forEach(l -> text.append(l).append('\n'));
    text.append("@SuppressWarnings(\"unused\") class ").append(className).append(" {\n");
    members.forEach(l -> text.append("  ").append(l).append('\n'));
    boolean declarations = MEMBER.matcher(first).find();
    if (!declarations) {
      text.append("  void run() throws Exception {\n");
    }
    int offset = (int) text.toString().lines().count();
    text.append(block.code());
    text.append(declarations ? "}\n" : "  }\n}\n");
    return new SnippetSource(className, text.toString(), offset, block);
  }

  /** The Markdown location of a line of {@link #text} (1-based). */
  String locate(long line) {
    int codeLines = (int) block.code().lines().count();
    if (line > codeOffset && line <= codeOffset + codeLines) {
      return block.file() + ":" + (block.firstLine() + line - codeOffset - 1);
    }
    return block.file() + ":" + block.contextLine() + " (its 'compile with' comment, or the wrapper around the block)";
  }

  private static String firstCodeLine(String code) {
    return code.lines().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("//") && !l.startsWith("/*") && !l.startsWith("*"))
        .findFirst().orElse("");
  }
}
