package dev.bulwark.codeshield.rules;

/**
 * A view of a string that gives up when a deadline passes: {@code java.util.regex} reads its input through
 * {@link #charAt}, so a pattern that backtracks catastrophically on hostile input is stopped by an exception instead
 * of hanging the scan. The clock is read once every 4096 reads, which keeps the overhead negligible.
 */
public final class BudgetedText implements CharSequence {
  /** Thrown when the deadline passes; carries no stack trace (it is control flow, not a bug). */
  public static final class Exhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Exhausted() {
      super("regex time budget exhausted", null, false, false);
    }
  }

  private final String text;
  private final int offset;
  private final int length;
  private final long deadline;
  private int reads;

  public BudgetedText(String text, long deadlineNanos) {
    this(text, 0, text.length(), deadlineNanos);
  }

  private BudgetedText(String text, int offset, int length, long deadline) {
    this.text = text;
    this.offset = offset;
    this.length = length;
    this.deadline = deadline;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    if ((++reads & 0xFFF) == 0 && System.nanoTime() > deadline) {
      throw new Exhausted();
    }
    return text.charAt(offset + index);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new BudgetedText(text, offset + start, end - start, deadline);
  }

  @Override
  public String toString() {
    return text.substring(offset, offset + length);
  }
}
