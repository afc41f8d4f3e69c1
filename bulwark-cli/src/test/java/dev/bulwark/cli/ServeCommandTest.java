package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.cli.server.ServeCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bulwark serve}'s argument checking (the server itself is tested in bulwark-server) and its docs. */
class ServeCommandTest {
  @Test
  void badArgumentsAreUsageErrors() {
    CliRun port = CliRun.of("serve", "--port", "70000");
    assertThat(port.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(port.err()).contains("port must be between 0 and 65535");
    CliRun deadline = CliRun.of("serve", "--deadline", "soon");
    assertThat(deadline.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(deadline.err()).contains("--deadline");
    CliRun threads = CliRun.of("serve", "--threads", "0");
    assertThat(threads.exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void missingKeyFileIsARuntimeError() {
    CliRun run = CliRun.of("serve", "--port", "0", "--api-key-file", "/nonexistent/keys.txt");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.RUNTIME_ERROR);
    assertThat(run.err()).contains("--api-key-file");
  }

  @Test
  void everyOptionIsInTheHttpApiDocs() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "HTTP-API.md"));
    for (CommandLine.Model.OptionSpec o : new CommandLine(new ServeCommand()).getCommandSpec().options()) {
      if (!o.usageHelp() && !o.versionHelp()) {
        assertThat(doc).as("docs/HTTP-API.md documents %s", o.longestName()).contains("`" + o.longestName());
      }
    }
  }
}
