package dev.bulwark.llm.gguf;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Writes GGUF v3 files with random weights and a small SentencePiece-style vocabulary, so tests and benchmarks can run
 * real llama.cpp inference without downloading a model. The text such a model writes is meaningless; the amount of
 * compute per token is real for a given shape.
 *
 * <p>Layout (GGUF v3, little endian): magic, version, tensor count, key-value count; the key-values; one info record
 * per tensor (name, dimensions, type, offset); padding to the alignment; the tensor data, each tensor aligned.
 *
 * <p>The vocabulary holds the Llama 3 and Llama 4 special tokens as control tokens (so Llama Guard prompts tokenize as
 * they do for the real models), the 256 byte tokens, every printable ASCII character, and every substring of the
 * words of the Llama Guard prompts (so the SentencePiece merges reach whole words: a 100-word text is about 100-150
 * tokens, as with a real tokenizer). Filler tokens pad it to the requested size. Deterministic: the same shape always
 * writes the same bytes.
 */
public final class SyntheticGguf {
  private static final int ALIGNMENT = 32;
  private static final int TYPE_F32 = 0;
  private static final int TYPE_Q4_0 = 2;
  private static final int TYPE_Q8_0 = 8;

  /** Tensor shapes of a Llama-architecture model. */
  public record Shape(int vocab, int embedding, int layers, int heads, int kvHeads, int feedForward) {
    /** 64-dim, 2 layers, 4096-token vocabulary: about 400 KB, milliseconds per token. For tests. */
    public static Shape tiny() {
      return new Shape(4096, 64, 2, 4, 2, 128);
    }

    /** Llama 3.2 1B, the base of Llama Guard 3 1B: 16 layers, d=2048, 32/8 heads, FFN 8192, 128,256 tokens. */
    public static Shape llamaGuard3OneB() {
      return new Shape(128_256, 2048, 16, 32, 8, 8192);
    }
  }

  /** Weight encoding of the matrices; norms are always F32. */
  public enum Quantization {
    Q8_0(TYPE_Q8_0, 34),
    Q4_0(TYPE_Q4_0, 18);

    final int ggmlType;
    final int blockBytes;

    Quantization(int ggmlType, int blockBytes) {
      this.ggmlType = ggmlType;
      this.blockBytes = blockBytes;
    }
  }

  /** Special tokens of Llama 3 and Llama 4 chat formats, added as control tokens. */
  public static final List<String> SPECIAL_TOKENS = List.of(
      "<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>",
      "<|eom_id|>", "<|header_start|>", "<|header_end|>", "<|eot|>", "<|image|>", "<|image_start|>",
      "<|image_end|>", "<|patch|>", "<|im_start|>", "<|im_end|>");

  private static final String WORDS = "safe unsafe user agent assistant task check if there is unsafe content in"
      + " messages conversations according our safety policy with the below categories begin end conversation"
      + " violent crimes non sex child exploitation defamation specialized advice privacy intellectual property"
      + " indiscriminate weapons hate self harm sexual elections code interpreter abuse provide your assessment"
      + " for only last message above first line must read second include comma separated list of violated"
      + " a an to and is that it on how do i can you me my what this be are was of not or as at by from"
      + " have has will would should could about which when where who why make get use help please tell"
      + " write explain give want need know find show some any all more most other new good time people way"
      // The template's capitalised words, so the fixed parts tokenize about as compactly as with Llama 3's tokenizer.
      + " Task Check User Agent Provide First If BEGIN END UNSAFE CONTENT CATEGORIES CONVERSATION ONLY THE LAST"
      + " Violent Crimes Non Sex Child Exploitation Defamation Specialized Advice Privacy Intellectual Property"
      + " Indiscriminate Weapons Hate Self Harm Sexual Content Elections Code Interpreter Abuse Please";

  private final Shape shape;
  private final Quantization quantization;
  private final Map<String, String> script;
  private final String scriptDefault;

  public SyntheticGguf(Shape shape, Quantization quantization) {
    this(shape, quantization, null, null);
  }

  private SyntheticGguf(Shape shape, Quantization quantization, Map<String, String> script, String scriptDefault) {
    this.shape = shape;
    this.quantization = quantization;
    this.script = script;
    this.scriptDefault = scriptDefault;
  }

  /**
   * A tiny model that answers by rote: the next token depends only on the current one, as {@code next} says
   * ({@code defaultNext} after any other token). All transformer weights are zero, every token's embedding is a basis
   * vector for its group, and the output matrix maps each group to its successor with a large logit, so greedy
   * decoding follows the script exactly. Tests use it to get "safe" or "unsafe,S1" from a real llama.cpp run.
   */
  public static SyntheticGguf scripted(Map<String, String> next, String defaultNext) {
    return new SyntheticGguf(new Shape(4096, 64, 1, 4, 2, 128), Quantization.Q8_0, new LinkedHashMap<>(next), defaultNext);
  }

  /** Writes the model to {@code file} (replacing it) and returns the file. */
  public Path write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Vocabulary vocab = vocabulary(shape.vocab());
    Map<String, Object[]> kv = metadata(vocab);
    List<TensorInfo> tensors = tensors();
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
      Writer w = new Writer(out);
      w.bytes("GGUF".getBytes(StandardCharsets.US_ASCII));
      w.u32(3);
      w.u64(tensors.size());
      w.u64(kv.size());
      for (Map.Entry<String, Object[]> e : kv.entrySet()) {
        w.string(e.getKey());
        writeValue(w, (String) e.getValue()[0], e.getValue()[1]);
      }
      long offset = 0;
      for (TensorInfo t : tensors) {
        w.string(t.name);
        w.u32(t.dims.length);
        for (long d : t.dims) {
          w.u64(d);
        }
        w.u32(t.type);
        w.u64(offset);
        offset = align(offset + t.bytes());
      }
      w.pad(ALIGNMENT);
      long base = w.position;
      byte[] pattern = script == null ? pattern() : null;
      for (TensorInfo t : tensors) {
        long n = t.bytes();
        if (script != null) {
          writeScripted(w, t, vocab);
        } else if (t.type == TYPE_F32) {
          writeOnes(w, n / 4);
        } else {
          long written = 0;
          while (written < n) {
            int chunk = (int) Math.min(pattern.length, n - written);
            w.bytes(pattern, chunk);
            written += chunk;
          }
        }
        long rel = w.position - base;
        w.zeros(align(rel) - rel);
      }
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  private Map<String, Object[]> metadata(Vocabulary vocab) {
    Map<String, Object[]> kv = new LinkedHashMap<>();
    kv.put("general.architecture", new Object[] {"str", "llama"});
    kv.put("general.name", new Object[] {"str", "bulwark-synthetic-llama"});
    kv.put("general.alignment", new Object[] {"u32", ALIGNMENT});
    kv.put("llama.context_length", new Object[] {"u32", 8192});
    kv.put("llama.embedding_length", new Object[] {"u32", shape.embedding()});
    kv.put("llama.block_count", new Object[] {"u32", shape.layers()});
    kv.put("llama.feed_forward_length", new Object[] {"u32", shape.feedForward()});
    kv.put("llama.attention.head_count", new Object[] {"u32", shape.heads()});
    kv.put("llama.attention.head_count_kv", new Object[] {"u32", shape.kvHeads()});
    kv.put("llama.attention.layer_norm_rms_epsilon", new Object[] {"f32", 1e-5f});
    kv.put("llama.rope.freq_base", new Object[] {"f32", 500000f});
    kv.put("llama.rope.dimension_count", new Object[] {"u32", shape.embedding() / shape.heads()});
    kv.put("llama.vocab_size", new Object[] {"u32", shape.vocab()});
    kv.put("tokenizer.ggml.model", new Object[] {"str", "llama"});
    kv.put("tokenizer.ggml.tokens", new Object[] {"arr_str", vocab.tokens});
    kv.put("tokenizer.ggml.scores", new Object[] {"arr_f32", vocab.scores});
    kv.put("tokenizer.ggml.token_type", new Object[] {"arr_i32", vocab.types});
    kv.put("tokenizer.ggml.bos_token_id", new Object[] {"u32", 1});
    kv.put("tokenizer.ggml.eos_token_id", new Object[] {"u32", 2});
    kv.put("tokenizer.ggml.unknown_token_id", new Object[] {"u32", 0});
    // Llama Guard prompts carry <|begin_of_text|> themselves; a second BOS would change them.
    kv.put("tokenizer.ggml.add_bos_token", new Object[] {"bool", false});
    return kv;
  }

  private List<TensorInfo> tensors() {
    int e = shape.embedding();
    int kvDim = shape.kvHeads() * (e / shape.heads());
    int q = script == null ? quantization.ggmlType : TYPE_F32;
    List<TensorInfo> t = new ArrayList<>();
    t.add(new TensorInfo("token_embd.weight", new long[] {e, shape.vocab()}, q, quantization));
    t.add(new TensorInfo("output_norm.weight", new long[] {e}, TYPE_F32, quantization));
    if (script != null) {
      t.add(new TensorInfo("output.weight", new long[] {e, shape.vocab()}, TYPE_F32, quantization));
    }
    for (int l = 0; l < shape.layers(); l++) {
      String p = "blk." + l + ".";
      t.add(new TensorInfo(p + "attn_norm.weight", new long[] {e}, TYPE_F32, quantization));
      t.add(new TensorInfo(p + "attn_q.weight", new long[] {e, e}, q, quantization));
      t.add(new TensorInfo(p + "attn_k.weight", new long[] {e, kvDim}, q, quantization));
      t.add(new TensorInfo(p + "attn_v.weight", new long[] {e, kvDim}, q, quantization));
      t.add(new TensorInfo(p + "attn_output.weight", new long[] {e, e}, q, quantization));
      t.add(new TensorInfo(p + "ffn_norm.weight", new long[] {e}, TYPE_F32, quantization));
      t.add(new TensorInfo(p + "ffn_gate.weight", new long[] {e, shape.feedForward()}, q, quantization));
      t.add(new TensorInfo(p + "ffn_up.weight", new long[] {e, shape.feedForward()}, q, quantization));
      t.add(new TensorInfo(p + "ffn_down.weight", new long[] {shape.feedForward(), e}, q, quantization));
    }
    return t;
  }

  /** 4096 random blocks with a small fixed scale, repeated over every matrix: random enough, written fast. */
  private byte[] pattern() {
    Random random = new Random(1);
    int blocks = 4096;
    int quants = quantization.blockBytes - 2;
    ByteBuffer b = ByteBuffer.allocate(blocks * quantization.blockBytes).order(ByteOrder.LITTLE_ENDIAN);
    short scale = toHalf(quantization == Quantization.Q8_0 ? 0.002f : 0.004f);
    byte[] q = new byte[quants];
    for (int i = 0; i < blocks; i++) {
      b.putShort(scale);
      random.nextBytes(q);
      b.put(q);
    }
    return b.array();
  }

  private static void writeOnes(Writer w, long count) throws IOException {
    byte[] one = new byte[4096 * 4];
    ByteBuffer bb = ByteBuffer.wrap(one).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 4096; i++) {
      bb.putFloat(1.0f);
    }
    long left = count * 4;
    while (left > 0) {
      int chunk = (int) Math.min(one.length, left);
      w.bytes(one, chunk);
      left -= chunk;
    }
  }

  /** IEEE 754 half precision of a small normal float (Java 17 has no Float.floatToFloat16). */
  static short toHalf(float value) {
    int bits = Float.floatToIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int exponent = ((bits >>> 23) & 0xff) - 127 + 15;
    int mantissa = (bits >>> 13) & 0x3ff;
    if (exponent <= 0 || exponent >= 31) {
      throw new IllegalArgumentException("not a normal half-precision value: " + value);
    }
    return (short) (sign | (exponent << 10) | mantissa);
  }

  /** Tensor data of a scripted model: norms 1, embeddings one-hot per group, output mapping groups to successors. */
  private void writeScripted(Writer w, TensorInfo t, Vocabulary vocab) throws IOException {
    int e = shape.embedding();
    List<String> sources = new ArrayList<>(script.keySet());
    for (String source : sources) {
      if (!vocab.tokens.contains(source)) {
        throw new IllegalArgumentException("script token '" + source + "' is not in the vocabulary");
      }
    }
    if (sources.size() + 1 > e) {
      throw new IllegalArgumentException("a script can have at most " + (e - 1) + " entries");
    }
    ByteBuffer out;
    if (t.name.endsWith("norm.weight")) {
      writeOnes(w, t.bytes() / 4);
      return;
    }
    if (t.name.equals("token_embd.weight")) {
      out = ByteBuffer.allocate((int) t.bytes()).order(ByteOrder.LITTLE_ENDIAN);
      for (int id = 0; id < shape.vocab(); id++) {
        int group = sources.indexOf(vocab.tokens.get(id)) + 1;
        out.putFloat((id * e + group) * 4, 1.0f);
      }
    } else if (t.name.equals("output.weight")) {
      out = ByteBuffer.allocate((int) t.bytes()).order(ByteOrder.LITTLE_ENDIAN);
      for (int group = 0; group <= sources.size(); group++) {
        String successor = group == 0 ? scriptDefault : script.get(sources.get(group - 1));
        int target = vocab.tokens.indexOf(successor);
        if (target < 0) {
          throw new IllegalArgumentException("script token '" + successor + "' is not in the vocabulary");
        }
        out.putFloat((target * e + group) * 4, 10.0f);
      }
    } else {
      w.zeros(t.bytes());
      return;
    }
    w.bytes(out.array());
  }

  private static long align(long n) {
    return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  }

  private static void writeValue(Writer w, String type, Object v) throws IOException {
    switch (type) {
      case "str" -> {
        w.u32(8);
        w.string((String) v);
      }
      case "u32" -> {
        w.u32(4);
        w.u32((Integer) v);
      }
      case "f32" -> {
        w.u32(6);
        w.f32((Float) v);
      }
      case "bool" -> {
        w.u32(7);
        w.bytes(new byte[] {(byte) (((Boolean) v) ? 1 : 0)});
      }
      case "arr_str" -> {
        @SuppressWarnings("unchecked")
        List<String> list = (List<String>) v;
        w.u32(9);
        w.u32(8);
        w.u64(list.size());
        for (String s : list) {
          w.string(s);
        }
      }
      case "arr_f32" -> {
        float[] a = (float[]) v;
        w.u32(9);
        w.u32(6);
        w.u64(a.length);
        for (float f : a) {
          w.f32(f);
        }
      }
      case "arr_i32" -> {
        int[] a = (int[]) v;
        w.u32(9);
        w.u32(5);
        w.u64(a.length);
        for (int i : a) {
          w.u32(i);
        }
      }
      default -> throw new IllegalArgumentException(type);
    }
  }

  record Vocabulary(List<String> tokens, float[] scores, int[] types) {}

  /** The vocabulary described in the class comment, padded with filler tokens to {@code size}. */
  static Vocabulary vocabulary(int size) {
    List<String> tokens = new ArrayList<>();
    List<Float> scores = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    java.util.function.BiConsumer<String, int[]> add = (tok, typeAndScore) -> {
      if (seen.add(tok)) {
        tokens.add(tok);
        types.add(typeAndScore[0]);
        scores.add((float) typeAndScore[1]);
      }
    };
    add.accept("<unk>", new int[] {2, 0});
    add.accept("<s>", new int[] {3, 0});
    add.accept("</s>", new int[] {3, 0});
    for (String s : SPECIAL_TOKENS) {
      add.accept(s, new int[] {3, 0});
    }
    for (int b = 0; b < 256; b++) {
      add.accept(String.format("<0x%02X>", b), new int[] {6, 0});
    }
    add.accept("\u2581", new int[] {1, -1000});
    for (char c = 33; c < 127; c++) {
      add.accept(String.valueOf(c), new int[] {1, -1000});
    }
    // Every substring of each word, with and without the word-start marker; longer pieces score higher, so the
    // SentencePiece merges always reach the whole word.
    for (String word : WORDS.split(" ")) {
      for (String w : new String[] {word, "\u2581" + word}) {
        for (int i = 0; i < w.length(); i++) {
          for (int j = i + 2; j <= w.length(); j++) {
            add.accept(w.substring(i, j), new int[] {1, (j - i) * 10});
          }
        }
      }
    }
    for (int s = 1; s <= 14; s++) {
      add.accept("S" + s, new int[] {1, 30});
    }
    int filler = 0;
    while (tokens.size() < size) {
      add.accept("<filler" + filler++ + ">", new int[] {5, -100000});
    }
    if (tokens.size() > size) {
      throw new IllegalArgumentException("vocabulary size " + size + " is too small; need " + tokens.size());
    }
    float[] sc = new float[size];
    int[] ty = new int[size];
    for (int i = 0; i < size; i++) {
      sc[i] = scores.get(i);
      ty[i] = types.get(i);
    }
    return new Vocabulary(tokens, sc, ty);
  }

  private record TensorInfo(String name, long[] dims, int type, Quantization q) {
    long bytes() {
      long n = 1;
      for (long d : dims) {
        n *= d;
      }
      return type == TYPE_F32 ? n * 4 : n / 32 * q.blockBytes;
    }
  }

  /** Little-endian primitive writer that counts bytes, for alignment. */
  private static final class Writer {
    private final OutputStream out;
    private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    long position;

    Writer(OutputStream out) {
      this.out = out;
    }

    void u32(int v) throws IOException {
      scratch.clear();
      scratch.putInt(v);
      bytes(scratch.array(), 4);
    }

    void u64(long v) throws IOException {
      scratch.clear();
      scratch.putLong(v);
      bytes(scratch.array(), 8);
    }

    void f32(float v) throws IOException {
      scratch.clear();
      scratch.putFloat(v);
      bytes(scratch.array(), 4);
    }

    void string(String s) throws IOException {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      u64(b.length);
      bytes(b);
    }

    void bytes(byte[] b) throws IOException {
      bytes(b, b.length);
    }

    void bytes(byte[] b, int length) throws IOException {
      out.write(b, 0, length);
      position += length;
    }

    void zeros(long n) throws IOException {
      for (long i = 0; i < n; i++) {
        out.write(0);
      }
      position += n;
    }

    void pad(int alignment) throws IOException {
      long rem = position % alignment;
      if (rem != 0) {
        zeros(alignment - rem);
      }
    }
  }
}
