package dev.bulwark.promptguard;

/**
 * A prompt-attack model's judgement of one text.
 *
 * @param score probability-like attack score in [0, 1]; ranks texts (higher = more likely an attack)
 * @param start char offset (in the caller's text) of the piece that scored highest
 * @param end char offset after it
 * @param stage which stage decided: {@code lexical} (cheap model, confident), {@code encoder} (the uncertain band
 *     went through the encoder), {@code model} (an ONNX classifier), {@code empty}
 * @param windows how many windows or pieces were scored
 */
public record Verdict(double score, int start, int end, String stage, int windows) {}
