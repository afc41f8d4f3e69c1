package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.cli.gateway.GatewayCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bulwark gateway}'s argument checking (the gateway itself is tested in bulwark-gateway) and its docs. */
class GatewayCommandTest {
  @Test
  void badArgumentsAreUsageErrors() {
    CliRun missing = CliRun.of("gateway");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("--upstream");
    CliRun scheme = CliRun.of("gateway", "--upstream", "ftp://example.org/v1");
    assertThat(scheme.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(scheme.err()).contains("upstream must be an http(s) URL");
    CliRun onBlock = CliRun.of("gateway", "--upstream", "http://127.0.0.1:8081/v1", "--on-block", "ignore");
    assertThat(onBlock.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(onBlock.err()).contains("--on-block: expected error or refusal");
    CliRun timeout = CliRun.of("gateway", "--upstream", "http://127.0.0.1:8081/v1", "--upstream-timeout", "soon");
    assertThat(timeout.exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void everyOptionIsInTheGatewayDocs() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "GATEWAY.md"));
    for (CommandLine.Model.OptionSpec o : new CommandLine(new GatewayCommand()).getCommandSpec().options()) {
      if (!o.usageHelp() && !o.versionHelp()) {
        assertThat(doc).as("docs/GATEWAY.md documents %s", o.longestName()).contains("`" + o.longestName());
      }
    }
  }
}
