package dev.bulwark.classifier.onnx;

import dev.bulwark.classifier.ClassifierException;

/** An ONNX file or encoder delta that cannot be read or patched; the message names the file and the tensor. */
public class OnnxFormatException extends ClassifierException {
  private static final long serialVersionUID = 1L;

  public OnnxFormatException(String message) {
    super(message);
  }
}
