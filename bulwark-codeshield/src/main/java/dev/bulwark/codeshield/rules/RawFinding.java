package dev.bulwark.codeshield.rules;

/** A rule match inside one block, before it becomes an {@link dev.bulwark.codeshield.Issue}: block-relative offsets. */
public record RawFinding(Rule rule, int start, int end) {}
