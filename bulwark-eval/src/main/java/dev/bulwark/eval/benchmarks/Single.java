package dev.bulwark.eval.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.eval.run.ModelClient;
import dev.bulwark.llm.ChatMessage;
import java.util.List;

/** The one-request query most benchmarks make: send the messages, record {@code response} or {@code error}. */
final class Single {
  static final ObjectMapper JSON = new ObjectMapper();

  private Single() {}

  static BenchmarkDefinition.Queried ask(ModelClient model, List<ChatMessage> messages) {
    ModelClient.Answer a = model.ask(messages);
    ObjectNode fields = JSON.createObjectNode();
    if (a.ok()) {
      fields.put("response", a.text());
    } else {
      fields.putNull("response");
      fields.put("error", a.error());
    }
    return new BenchmarkDefinition.Queried(fields, a.fromCache());
  }

  static BenchmarkDefinition.Queried failed(String error) {
    ObjectNode fields = JSON.createObjectNode();
    fields.putNull("response");
    fields.put("error", error);
    return new BenchmarkDefinition.Queried(fields, false);
  }

  /** Rounds for JSON output: 6 decimals are plenty and keep files readable. */
  static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
