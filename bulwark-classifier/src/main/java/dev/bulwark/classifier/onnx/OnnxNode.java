package dev.bulwark.classifier.onnx;

import java.util.List;

/** One graph node: its operator and the names of the values it reads and writes (initializers are values too). */
public record OnnxNode(String name, String opType, List<String> inputs, List<String> outputs) {
  public OnnxNode {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }
}
