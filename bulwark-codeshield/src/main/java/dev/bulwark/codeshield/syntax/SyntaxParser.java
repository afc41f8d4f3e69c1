package dev.bulwark.codeshield.syntax;

import dev.bulwark.codeshield.Language;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.treesitter.TSInputEncoding;
import org.treesitter.TSLanguage;
import org.treesitter.TSParser;
import org.treesitter.TSTree;

/**
 * Parses blocks with tree-sitter, guarding the native calls: the parser only ever sees printable ASCII (every other
 * char becomes one placeholder char, so offsets are unchanged and no invalid UTF-8 reaches C), inputs above a size
 * cap are refused, and a progress callback cancels a parse that runs past its deadline. Parsers are not thread-safe:
 * each thread keeps its own, per language.
 */
public final class SyntaxParser {
  private final int maxChars;
  private final long timeoutNanos;
  private final ThreadLocal<Map<Language, TSParser>> parsers = ThreadLocal.withInitial(() -> new EnumMap<>(Language.class));

  /**
   * @param maxChars blocks longer than this are not parsed
   * @param timeoutNanos a parse running longer than this is cancelled
   */
  public SyntaxParser(int maxChars, long timeoutNanos) {
    this.maxChars = maxChars;
    this.timeoutNanos = timeoutNanos;
  }

  /** Blocks longer than this are not parsed. */
  public int maxChars() {
    return maxChars;
  }

  /** Why a parse produced no tree. */
  public enum Failure { NO_GRAMMAR, TOO_LARGE, TIMEOUT }

  /** A tree, or the reason there is none. */
  public record Outcome(SyntaxTree tree, Failure failure) {
    public boolean ok() {
      return tree != null;
    }
  }

  public Outcome parse(String block, Language language) {
    Optional<TSLanguage> grammar = Grammars.of(language);
    if (grammar.isEmpty()) {
      return new Outcome(null, Failure.NO_GRAMMAR);
    }
    if (block.length() > maxChars) {
      return new Outcome(null, Failure.TOO_LARGE);
    }
    String ascii = asciiProjection(block);
    byte[] bytes = ascii.getBytes(StandardCharsets.US_ASCII);
    TSParser parser = parsers.get().computeIfAbsent(language, l -> {
      TSParser p = new TSParser();
      p.setLanguage(grammar.get());
      return p;
    });
    long deadline = System.nanoTime() + timeoutNanos;
    TSTree tree = parser.parseWithOptions(new byte[Math.min(64 * 1024, Math.max(256, bytes.length))], null,
        (buf, offset, position) -> {
          int count = Math.min(buf.length, bytes.length - offset);
          if (count <= 0) {
            return 0;
          }
          System.arraycopy(bytes, offset, buf, 0, count);
          return count;
        },
        TSInputEncoding.TSInputEncodingUTF8,
        state -> System.nanoTime() > deadline);
    if (tree == null) {
      parser.reset();
      return new Outcome(null, Failure.TIMEOUT);
    }
    return new Outcome(new SyntaxTree(tree, ascii), null);
  }

  /**
   * The block with every char outside printable ASCII (and tab, CR, LF) replaced by {@code _} (controls by a space):
   * same length, valid for any grammar's lexer, and an identifier char where a non-ASCII letter stood.
   */
  static String asciiProjection(String s) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c > 0x7E || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
        break;
      }
      i++;
    }
    if (i == n) {
      return s;
    }
    char[] out = s.toCharArray();
    for (; i < n; i++) {
      char c = out[i];
      if (c > 0x7E) {
        out[i] = '_';
      } else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
        out[i] = ' ';
      }
    }
    return new String(out);
  }
}
