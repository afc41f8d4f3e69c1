package dev.bulwark.core.pii;

/** Personal data found at {@code [start, end)} of a text. */
public record PiiMatch(PiiType type, int start, int end) {}
