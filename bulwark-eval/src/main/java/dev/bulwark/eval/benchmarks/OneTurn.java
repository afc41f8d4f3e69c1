package dev.bulwark.eval.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.eval.run.ModelClient;
import dev.bulwark.llm.ChatMessage;
import java.util.List;

/** The one-request query most benchmarks make: send the messages, record {@code response} or {@code error}. */
final class OneTurn {
  private OneTurn() {}

  static BenchmarkDefinition.Queried ask(ModelClient model, List<ChatMessage> messages) {
    ModelClient.Answer a = model.ask(messages);
    ObjectNode fields = Json.MAPPER.createObjectNode();
    if (a.ok()) {
      fields.put("response", a.text());
    } else {
      fields.putNull("response");
      fields.put("error", a.error());
    }
    return new BenchmarkDefinition.Queried(fields, a.fromCache());
  }

  /** A test case that cannot be asked (its report is missing...): recorded as an error without a call. */
  static BenchmarkDefinition.Queried failed(String error) {
    ObjectNode fields = Json.MAPPER.createObjectNode();
    fields.putNull("response");
    fields.put("error", error);
    return new BenchmarkDefinition.Queried(fields, false);
  }
}
