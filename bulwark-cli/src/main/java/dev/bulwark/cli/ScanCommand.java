package dev.bulwark.cli;

import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallResult;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.ResultJson;
import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bulwark scan}: one message through the firewall (contracts §3). */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = {"Scan one message. Exit code: 0 allow, 2 block, 3 human review, 1 runtime error, 64 usage error."})
final class ScanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin FirewallOptions firewall = new FirewallOptions();

  @Option(names = "--role", paramLabel = "ROLE", defaultValue = "user",
      description = "Role of the message: user, system, assistant, tool or memory (default: ${DEFAULT-VALUE}).")
  String role;

  @Option(names = "--language", paramLabel = "LANG", description = "Programming language of the text, for code scanners.")
  String language;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "json or text (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Parameters(index = "0", paramLabel = "TEXT", description = "The text to scan, or - to read it from stdin.")
  String text;

  @Override
  public Integer call() {
    Role r = FirewallOptions.parseRole(role);
    var cfg = firewall.loadConfig();
    String content = "-".equals(text) ? InputText.readStdin(System.in, 4L * cfg.maxContentChars() + 4) : text;
    if (content.isEmpty()) {
      throw new UsageException("TEXT is empty: nothing to scan");
    }
    if (content.length() > cfg.maxContentChars()) {
      throw new CliException("the text is " + content.length() + " characters; the limit is " + cfg.maxContentChars()
          + " (set max-content-chars in a --config file to scan longer texts)");
    }
    Message message = new Message(r, content);
    if (language != null) {
      message = message.withAttribute(Message.LANGUAGE, language.toLowerCase(java.util.Locale.ROOT));
    }
    try (Firewall fw = firewall.build(Set.of(r))) {
      FirewallResult result = fw.scan(message);
      PrintWriter out = spec.commandLine().getOut();
      if (format == OutputFormat.json) {
        out.println(ResultJson.toJson(null, result, ResultJson.Shape.SCAN));
      } else {
        TextReport.print(out, result, false);
      }
      out.flush();
      fw.notes().forEach(n -> spec.commandLine().getErr().println("note: " + n));
      return ExitCodes.of(result.decision());
    }
  }
}
