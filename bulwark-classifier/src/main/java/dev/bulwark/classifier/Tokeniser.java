package dev.bulwark.classifier;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The tokenise stage: a Hugging Face {@code tokenizer.json} (WordPiece, Unigram, BPE) run through DJL's bindings.
 *
 * <p>The file's own truncation and padding are switched off (the MiniLM file truncates and pads to 128): the window
 * stage decides how long inputs are cut, so nothing is dropped silently. Content tokens are produced without special
 * tokens; {@link #wrap} adds the model's own ({@code [CLS] … [SEP]} or whatever its post-processor says), learned by
 * encoding the empty string once.
 */
public final class Tokeniser implements AutoCloseable {
  static {
    // DJL otherwise "calls home" on first use; both switches are documented to stop it.
    System.setProperty("OPT_OUT_TRACKING", System.getProperty("OPT_OUT_TRACKING", "true"));
    System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
  }

  private static final Map<String, String> OPTIONS =
      Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false", "modelMaxLength", "100000000");

  private final HuggingFaceTokenizer tokenizer;
  private final long[] prefix;
  private final long[] suffix;
  private final long padId;
  // As for OnnxSession: closing the native tokenizer under a running encode would free memory in use.
  private final java.util.concurrent.locks.ReentrantReadWriteLock lifecycle = new java.util.concurrent.locks.ReentrantReadWriteLock();
  private boolean closed;

  private Tokeniser(HuggingFaceTokenizer tokenizer, String source) {
    this.tokenizer = tokenizer;
    Encoding specials = tokenizer.encode("", true, false);
    long[] ids = specials.getIds();
    long[] mask = specials.getSpecialTokenMask();
    // Everything the post-processor adds to an empty input: split it around where content would go (for BERT and
    // DeBERTa that is [CLS] | [SEP]).
    int split = ids.length > 0 && mask.length == ids.length ? Math.min(1, ids.length) : 0;
    this.prefix = Arrays.copyOfRange(ids, 0, split);
    this.suffix = Arrays.copyOfRange(ids, split, ids.length);
    this.padId = padIdOf(tokenizer);
    if (ids.length > 2) {
      throw new ClassifierException(source + ": the tokenizer adds " + ids.length + " special tokens to a single text; only up to 2 ([CLS] text [SEP]) are supported");
    }
  }

  /** Loads a {@code tokenizer.json} file. */
  public static Tokeniser load(Path tokenizerJson) {
    if (!Files.isRegularFile(tokenizerJson)) {
      throw new ClassifierException("tokenizer file not found: " + tokenizerJson);
    }
    try {
      return new Tokeniser(HuggingFaceTokenizer.newInstance(tokenizerJson, OPTIONS), tokenizerJson.toString());
    } catch (IOException | RuntimeException e) {
      throw new ClassifierException(tokenizerJson + ": not a usable Hugging Face tokenizer.json: " + e.getMessage(), e);
    }
  }

  /** Loads a {@code tokenizer.json} from a stream (e.g. a class-path resource); {@code source} names it in errors. */
  public static Tokeniser load(InputStream tokenizerJson, String source) {
    try (InputStream in = tokenizerJson) {
      return new Tokeniser(HuggingFaceTokenizer.newInstance(in, OPTIONS), source);
    } catch (IOException | RuntimeException e) {
      throw new ClassifierException(source + ": not a usable Hugging Face tokenizer.json: " + e.getMessage(), e);
    }
  }

  /** Content tokens of {@code text}, with char spans in {@code text} (UTF-16 offsets). */
  public Tokens tokenise(String text) {
    if (text.isEmpty()) {
      return new Tokens(new long[0], new int[0], new int[0]);
    }
    Encoding e;
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new ClassifierException("the tokenizer was closed");
      }
      e = tokenizer.encode(text, false, false);
    } finally {
      lifecycle.readLock().unlock();
    }
    long[] ids = e.getIds();
    CharSpan[] spans = e.getCharTokenSpans();
    int[] start = new int[ids.length];
    int[] end = new int[ids.length];
    CodePointOffsets offsets = CodePointOffsets.of(text);
    for (int i = 0; i < ids.length; i++) {
      CharSpan s = spans[i];
      if (s == null) {
        start[i] = i > 0 ? end[i - 1] : 0;
        end[i] = start[i];
      } else {
        start[i] = offsets.toUtf16(s.getStart());
        end[i] = offsets.toUtf16(s.getEnd());
      }
    }
    return new Tokens(ids, start, end);
  }

  /** Number of special tokens {@link #wrap} adds. */
  public int specialTokenCount() {
    return prefix.length + suffix.length;
  }

  /** The model input for content tokens {@code [from, to)}: prefix specials, the tokens, suffix specials. */
  public long[] wrap(Tokens tokens, int from, int to) {
    long[] out = new long[prefix.length + (to - from) + suffix.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(tokens.ids(), from, out, prefix.length, to - from);
    System.arraycopy(suffix, 0, out, prefix.length + (to - from), suffix.length);
    return out;
  }

  public long padId() {
    return padId;
  }

  private static long padIdOf(HuggingFaceTokenizer t) {
    for (String pad : new String[] {"[PAD]", "<pad>"}) {
      Encoding e = t.encode(pad, false, false);
      if (e.getIds().length == 1) {
        return e.getIds()[0];
      }
    }
    return 0;
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        tokenizer.close();
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  /**
   * DJL reports spans in code points on some versions and in UTF-16 units on others; this maps code-point offsets
   * to UTF-16 and leaves text without supplementary characters untouched.
   */
  private record CodePointOffsets(int[] utf16) {
    static CodePointOffsets of(String text) {
      if (text.codePointCount(0, text.length()) == text.length()) {
        return new CodePointOffsets(null);
      }
      int[] map = new int[text.codePointCount(0, text.length()) + 1];
      int cp = 0;
      for (int i = 0; i < text.length(); ) {
        map[cp++] = i;
        i += Character.charCount(text.codePointAt(i));
      }
      map[cp] = text.length();
      return new CodePointOffsets(map);
    }

    int toUtf16(int offset) {
      if (utf16 == null) {
        return offset;
      }
      return utf16[Math.max(0, Math.min(offset, utf16.length - 1))];
    }
  }
}
