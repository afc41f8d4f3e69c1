package dev.bulwark.classifier;

/** A model, tokenizer or head that cannot be loaded or used; the message says which file and what is wrong. */
public class ClassifierException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ClassifierException(String message) {
    super(message);
  }

  public ClassifierException(String message, Throwable cause) {
    super(message, cause);
  }
}
