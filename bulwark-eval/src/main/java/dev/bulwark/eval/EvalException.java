package dev.bulwark.eval;

/** A failure of an evaluation run whose message says all the user needs: which file, which field, what to do. */
public class EvalException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EvalException(String message) {
    super(message);
  }

  public EvalException(String message, Throwable cause) {
    super(message, cause);
  }
}
