package dev.bulwark.codeshield.extract;

/**
 * A piece of code inside a message.
 *
 * @param text the code
 * @param offset char offset of {@code text} in the message, so positions map back to the original
 * @param tag the fence's language tag as written (first word of the info string), or null for unfenced code
 * @param fenced whether the code came from a fenced block
 * @param terminated false for a fenced block whose closing fence is missing (cut-off LLM output)
 */
public record CodeBlock(String text, int offset, String tag, boolean fenced, boolean terminated) {}
