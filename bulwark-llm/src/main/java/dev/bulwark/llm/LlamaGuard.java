package dev.bulwark.llm;

import dev.bulwark.core.Excerpt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Llama Guard on an {@link LlmBackend}: builds the version's prompt, asks for the verdict, parses it and derives the
 * unsafe probability.
 *
 * <p>Three ways to send the prompt ({@link PromptFormat}):
 * <ul>
 *   <li>{@code raw}: the exact prompt, wrapper tokens included (in-process GGUF; servers with {@code /v1/completions}).
 *   <li>{@code conversation}: the turns as chat messages, for servers that host a Llama Guard model and apply its own
 *       chat template (vLLM, Ollama, Together). Custom and excluded categories travel as
 *       {@code chat_template_kwargs} (honoured by vLLM with the 3-1B, 3-Vision and 4 templates).
 *   <li>{@code message}: the prompt body (task to instructions) as one user message, for servers whose template is a
 *       plain Llama 3 chat template, which then adds the same wrapper.
 * </ul>
 *
 * <p>The score is the probability of {@code unsafe} at the first content token, renormalised over {@code safe} and
 * {@code unsafe}: measured in process for GGUF models, read from {@code top_logprobs} for HTTP backends that return
 * them; otherwise 1/0 from the verdict, and the assessment says so.
 */
public final class LlamaGuard implements SafetyClassifier {

  public enum PromptFormat {
    RAW, CONVERSATION, MESSAGE;

    public static PromptFormat parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown prompt format '" + s + "'; expected raw, conversation or message");
      }
    }
  }

  /**
   * @param format how the prompt is sent; null picks {@code raw} when the backend takes raw prompts, else
   *     {@code conversation}
   * @param timeout the longest one judgement may take, windows included
   * @param threshold the unsafe probability from which a message is flagged (for measured probabilities)
   * @param maxPromptChars the conversation text kept in the prompt; older turns are dropped first
   * @param maxMessageChars the judged message's length per window; longer messages are judged in overlapping windows
   * @param maxWindows the most windows judged per message; text past them is not judged (and the result says so)
   * @param probabilities whether to measure or request token probabilities for the score
   */
  public record Options(PromptFormat format, Duration timeout, double threshold, int maxPromptChars, int maxMessageChars,
      int maxWindows, boolean probabilities) {
    public static Options defaults() {
      return new Options(null, Duration.ofSeconds(30), 0.5, 16_000, 12_000, 4, true);
    }

    public Options withFormat(PromptFormat f) {
      return new Options(f, timeout, threshold, maxPromptChars, maxMessageChars, maxWindows, probabilities);
    }

    public Options withTimeout(Duration t) {
      return new Options(format, t, threshold, maxPromptChars, maxMessageChars, maxWindows, probabilities);
    }

    public Options withThreshold(double t) {
      return new Options(format, timeout, t, maxPromptChars, maxMessageChars, maxWindows, probabilities);
    }

    public Options withLimits(int promptChars, int messageChars, int windows) {
      return new Options(format, timeout, threshold, promptChars, messageChars, windows, probabilities);
    }

    /** false: skip measuring P(unsafe) (saves about 9 decode steps in process); scores are then 1/0 from the verdict. */
    public Options withProbabilities(boolean measure) {
      return new Options(format, timeout, threshold, maxPromptChars, maxMessageChars, maxWindows, measure);
    }
  }

  /** One judgement with everything a scanner or an operator may want to show. */
  public record Judgement(SafetyAssessment assessment, List<LlamaGuardOutput> outputs, String judgedRole, int droppedTurns,
      int windows, boolean truncated) {}

  private static final int MAX_TOKENS = 12;
  private static final int WINDOW_OVERLAP = 200;

  private final LlmBackend backend;
  private final LlamaGuardPolicy policy;
  private final Options options;
  private final PromptFormat format;
  private volatile boolean logprobsRefused;

  public LlamaGuard(LlmBackend backend, LlamaGuardPolicy policy, Options options) {
    this.backend = backend;
    this.policy = policy;
    this.options = options;
    this.format = options.format() != null ? options.format()
        : backend.acceptsRawPrompts() ? PromptFormat.RAW : PromptFormat.CONVERSATION;
    if (format == PromptFormat.RAW && !backend.acceptsRawPrompts()) {
      throw new IllegalArgumentException("prompt format 'raw' needs a backend that takes raw prompts; backend '"
          + backend.name() + "' takes chat messages only (use conversation or message, or set raw-prompts: true)");
    }
  }

  public LlamaGuardPolicy policy() {
    return policy;
  }

  public PromptFormat format() {
    return format;
  }

  public LlmBackend backend() {
    return backend;
  }

  @Override
  public String name() {
    return "llama-guard-" + policy.version().id();
  }

  @Override
  public List<HazardCategory> categories() {
    return policy.active();
  }

  /** Images reach the model only on a vision version, in the conversation format, on a backend that sends them. */
  @Override
  public boolean readsImages() {
    return policy.version().acceptsImages() && format == PromptFormat.CONVERSATION && backend.acceptsImages();
  }

  @Override
  public SafetyAssessment assess(List<ChatMessage> conversation) {
    return judge(conversation).assessment();
  }

  /**
   * Judges the last message of {@code conversation}. System and tool messages are left out (the Llama Guard formats
   * have no such roles), consecutive messages of one role are merged, and the conversation starts at its first user
   * message.
   *
   * @throws LlmException when the backend fails, times out, or answers neither safe nor unsafe
   */
  public Judgement judge(List<ChatMessage> conversation) {
    long deadline = System.nanoTime() + options.timeout().toNanos();
    List<ChatMessage> turns = normalize(conversation);
    ChatMessage last = turns.get(turns.size() - 1);
    if (last.hasImages() && !policy.version().acceptsImages()) {
      throw new LlmException(LlmException.Kind.INVALID_REQUEST, "Llama Guard " + policy.version().id()
          + " is text-only; images need version 3-vision or 4");
    }
    if (format != PromptFormat.CONVERSATION && turns.stream().anyMatch(ChatMessage::hasImages)) {
      throw new LlmException(LlmException.Kind.INVALID_REQUEST, "images reach Llama Guard only with prompt-format"
          + " conversation on a vision backend (images: true); the " + format.name().toLowerCase(Locale.ROOT)
          + " format sends text only");
    }
    List<String> windows = windows(last.text());
    boolean truncated = windows.size() > options.maxWindows();
    if (truncated) {
      windows = windows.subList(0, options.maxWindows());
    }
    List<ChatMessage> context = turns.subList(0, turns.size() - 1);
    int contextBudget = Math.max(0, options.maxPromptChars() - Math.min(last.text().length(), options.maxMessageChars()));
    List<ChatMessage> kept = fitContext(context, contextBudget);
    if (kept.isEmpty() && !context.isEmpty()) {
      // An Agent turn is judged after the request it answers: keep the end of that request even over budget.
      ChatMessage request = context.get(context.size() - 1);
      String t = request.text();
      int keep = Math.max(contextBudget, 2_000);
      kept = List.of(t.length() <= keep ? request : withText(request, "…" + t.substring(t.length() - keep)));
    }
    int dropped = context.size() - kept.size();

    List<LlamaGuardOutput> outputs = new ArrayList<>();
    double score = 0;
    SafetyAssessment.ScoreSource source = SafetyAssessment.ScoreSource.TOKEN_PROBABILITIES;
    boolean flagged = false;
    Set<String> codes = new LinkedHashSet<>();
    for (String window : windows) {
      List<ChatMessage> conv = new ArrayList<>(kept);
      conv.add(windows.size() == 1 ? last : withText(last, window));
      Single s = judgeOnce(conv, deadline);
      outputs.add(s.output);
      if (s.source == SafetyAssessment.ScoreSource.VERDICT) {
        source = SafetyAssessment.ScoreSource.VERDICT;
      }
      boolean windowFlagged = s.source == SafetyAssessment.ScoreSource.VERDICT
          ? s.output.verdict() == LlamaGuardOutput.Verdict.UNSAFE
          : s.score >= options.threshold();
      if (windowFlagged) {
        flagged = true;
        codes.addAll(s.output.codes());
      }
      score = Math.max(score, s.score);
    }
    Map<String, Double> perCategory = new LinkedHashMap<>();
    for (HazardCategory c : policy.active()) {
      perCategory.put(c.code(), codes.contains(c.code()) ? score : 0.0);
    }
    String note = source != SafetyAssessment.ScoreSource.VERDICT ? null
        : options.probabilities() ? "score is 1/0 from the verdict: backend '" + backend.name() + "' gave no token probabilities"
        : "score is 1/0 from the verdict (probabilities: false)";
    if (truncated) {
      note = (note == null ? "" : note + "; ") + "only the first " + options.maxWindows() + " windows of "
          + options.maxMessageChars() + " characters were judged";
    }
    SafetyAssessment a = new SafetyAssessment(flagged, score, new ArrayList<>(codes), perCategory, source, note);
    return new Judgement(a, outputs, LlamaGuardPrompt.judgedRole(turns), dropped, windows.size(), truncated);
  }

  private record Single(LlamaGuardOutput output, double score, SafetyAssessment.ScoreSource source) {}

  private Single judgeOnce(List<ChatMessage> conv, long deadline) {
    Duration remaining = remaining(deadline);
    LlmRequest request = switch (format) {
      case RAW -> LlmRequest.raw(LlamaGuardPrompt.render(policy, conv));
      case MESSAGE -> LlmRequest.chat(List.of(ChatMessage.user(LlamaGuardPrompt.body(policy, conv))));
      case CONVERSATION -> LlmRequest.chat(conv).withExtraBody(templateArguments());
    };
    boolean scoreInProcess = options.probabilities() && format == PromptFormat.RAW && backend.tokenScoring().isPresent();
    if (options.probabilities() && !scoreInProcess && !logprobsRefused) {
      request = request.withTopLogprobs(5);
    }
    request = request.withMaxTokens(MAX_TOKENS).withTemperature(0).withTimeout(remaining);
    LlmResponse response;
    try {
      response = backend.complete(request);
    } catch (LlmException e) {
      if (!request.wantsLogprobs() || e.kind() != LlmException.Kind.HTTP_STATUS || e.status() != 400
          || !e.getMessage().toLowerCase(Locale.ROOT).contains("logprob")) {
        throw e;
      }
      // Some providers refuse logprobs outright; ask again without, and stop asking this backend.
      logprobsRefused = true;
      response = backend.complete(request.withTopLogprobs(-1).withTimeout(remaining(deadline)));
    }
    LlamaGuardOutput output = LlamaGuardOutput.parse(response.text());
    if (output.verdict() == LlamaGuardOutput.Verdict.UNPARSEABLE) {
      throw new LlmException(LlmException.Kind.BAD_RESPONSE, "Llama Guard on backend '" + backend.name()
          + "' answered neither 'safe' nor 'unsafe': \"" + Excerpt.of(response.text(), 60) + "\"");
    }
    Optional<TokenScoring> scoring = backend.tokenScoring();
    if (scoreInProcess) {
      double[] p = scoring.get().candidateProbabilities(request.prompt() + output.leadingWhitespace(),
          List.of("safe", "unsafe"), remaining(deadline));
      return new Single(output, p[1], SafetyAssessment.ScoreSource.TOKEN_PROBABILITIES);
    }
    OptionalDouble fromLogprobs = unsafeProbability(response.logprobs());
    if (fromLogprobs.isPresent()) {
      return new Single(output, fromLogprobs.getAsDouble(), SafetyAssessment.ScoreSource.TOKEN_PROBABILITIES);
    }
    return new Single(output, output.verdict() == LlamaGuardOutput.Verdict.UNSAFE ? 1.0 : 0.0,
        SafetyAssessment.ScoreSource.VERDICT);
  }

  /** P(unsafe) / (P(safe) + P(unsafe)) at the first token with visible text, from the answer's top logprobs. */
  static OptionalDouble unsafeProbability(List<TokenLogprob> logprobs) {
    for (TokenLogprob t : logprobs) {
      if (t.token().isBlank()) {
        continue;
      }
      double safe = 0;
      double unsafe = 0;
      List<TokenLogprob.Alternative> candidates = new ArrayList<>(t.top());
      if (candidates.stream().noneMatch(a -> a.token().equals(t.token()))) {
        candidates.add(new TokenLogprob.Alternative(t.token(), t.logprob()));
      }
      for (TokenLogprob.Alternative a : candidates) {
        String w = a.token().strip().toLowerCase(Locale.ROOT);
        if (w.equals("safe")) {
          safe += Math.exp(a.logprob());
        } else if (w.equals("unsafe")) {
          unsafe += Math.exp(a.logprob());
        }
      }
      if (safe + unsafe <= 0) {
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(unsafe / (safe + unsafe));
    }
    return OptionalDouble.empty();
  }

  private Map<String, Object> templateArguments() {
    if (policy.hasDefaultCategories() && policy.excluded().isEmpty()) {
      return Map.of();
    }
    Map<String, Object> kwargs = new LinkedHashMap<>();
    if (!policy.hasDefaultCategories()) {
      Map<String, String> cats = new LinkedHashMap<>();
      for (HazardCategory c : policy.categories()) {
        cats.put(c.code(), c.description() == null ? c.name() : c.name() + "\n" + c.description());
      }
      kwargs.put("categories", cats);
    }
    if (!policy.excluded().isEmpty()) {
      kwargs.put("excluded_category_keys", new ArrayList<>(policy.excluded()));
    }
    return Map.of("chat_template_kwargs", kwargs);
  }

  /** User and assistant messages only, merged per role, from the first user message on. */
  static List<ChatMessage> normalize(List<ChatMessage> conversation) {
    List<ChatMessage> out = new ArrayList<>();
    for (ChatMessage m : conversation) {
      if (!m.role().equals("user") && !m.role().equals("assistant")) {
        continue;
      }
      if (out.isEmpty() && m.role().equals("assistant")) {
        // The formats start with a user turn; an assistant message with no request before it follows an empty one.
        out.add(ChatMessage.user(""));
      }
      if (!out.isEmpty() && out.get(out.size() - 1).role().equals(m.role())) {
        ChatMessage prev = out.remove(out.size() - 1);
        List<ContentPart> parts = new ArrayList<>(prev.content());
        parts.addAll(m.content());
        out.add(new ChatMessage(m.role(), parts));
      } else {
        out.add(m);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("nothing to moderate: the conversation has no user or assistant message");
    }
    return out;
  }

  /** The most recent turns that fit in {@code budget} characters, starting with a user turn. */
  private static List<ChatMessage> fitContext(List<ChatMessage> context, int budget) {
    int used = 0;
    int from = context.size();
    while (from > 0 && used + context.get(from - 1).text().length() <= budget) {
      used += context.get(from - 1).text().length();
      from--;
    }
    // The kept context must start with a user turn, since the judged message follows it in alternation.
    if (from < context.size() && context.get(from).role().equals("assistant")) {
      from++;
    }
    return context.subList(from, context.size());
  }

  private List<String> windows(String text) {
    int size = options.maxMessageChars();
    if (text.length() <= size) {
      return List.of(text);
    }
    List<String> out = new ArrayList<>();
    for (int start = 0; start < text.length(); start += size - WINDOW_OVERLAP) {
      out.add(text.substring(start, Math.min(text.length(), start + size)));
      if (start + size >= text.length()) {
        break;
      }
    }
    return out;
  }

  private static ChatMessage withText(ChatMessage m, String text) {
    List<ContentPart> parts = new ArrayList<>();
    parts.add(ContentPart.text(text));
    m.content().stream().filter(p -> p instanceof ContentPart.ImageUrl).forEach(parts::add);
    return new ChatMessage(m.role(), parts);
  }

  private static Duration remaining(long deadline) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new LlmException(LlmException.Kind.TIMEOUT, "Llama Guard ran out of time before asking the backend");
    }
    return Duration.ofNanos(left);
  }
}
