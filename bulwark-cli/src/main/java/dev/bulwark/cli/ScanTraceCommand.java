package dev.bulwark.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallResult;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.Trace;
import dev.bulwark.core.MessageJson;
import dev.bulwark.core.ResultJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bulwark scan-trace FILE}: replays an agent trace and stops at the first message that is not allowed. */
@Command(name = "scan-trace", mixinStandardHelpOptions = true,
    description = {"Replay a trace (a JSON array of {role, content, tool_calls?} messages, or {\"messages\": [...]}),",
        "scanning each message with the ones before it as context; stops at the first block or human review.",
        "Exit code as for scan."})
final class ScanTraceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin FirewallOptions firewall = new FirewallOptions();

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "json or text (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Parameters(index = "0", paramLabel = "FILE", description = "The trace file, or - for stdin.")
  String file;

  @Override
  public Integer call() {
    String json = "-".equals(file) ? InputText.readStdin(System.in, 512L * 1024 * 1024) : InputText.readFile(Path.of(file));
    String where = "-".equals(file) ? "stdin" : file;
    JsonNode root;
    try {
      root = MessageJson.parseTree(json);
    } catch (JsonProcessingException e) {
      throw new CliException(where + ": not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")" : ""));
    }
    if (root != null && root.isObject() && root.has("messages")) {
      root = root.get("messages");
    }
    List<Message> messages;
    try {
      messages = MessageJson.messages(root, where);
    } catch (MessageJson.InvalidMessageException e) {
      throw new CliException(e.getMessage());
    }
    if (messages.isEmpty()) {
      throw new UsageException(where + ": the trace has no messages");
    }
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    messages.forEach(m -> roles.add(m.role()));
    try (Firewall fw = firewall.build(roles)) {
      FirewallResult result = fw.scan(Trace.of(messages));
      PrintWriter out = spec.commandLine().getOut();
      if (format == OutputFormat.json) {
        out.println(ResultJson.toJson(null, result, ResultJson.Shape.HTTP));
      } else {
        TextReport.print(out, result, true);
      }
      out.flush();
      return ExitCodes.of(result.decision());
    }
  }
}
