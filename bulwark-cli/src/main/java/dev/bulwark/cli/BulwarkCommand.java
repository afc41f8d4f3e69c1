package dev.bulwark.cli;

import dev.bulwark.cli.llm.ServeLlmCommand;
import dev.bulwark.cli.server.ServeCommand;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bulwark}: the top-level command; every capability is a subcommand. */
@Command(
    name = "bulwark",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Guardrails for LLM applications: prompt-attack, content-safety, insecure-code and agent-alignment checks.",
      "",
      "Exit codes of scan and scan-trace: 0 allow, 2 block, 3 human review required, 1 runtime error, 64 usage error."
    })
final class BulwarkCommand implements Callable<Integer> {
  /**
   * Every subcommand. Registered by {@link Main} rather than in the annotation so that a run builds only the command
   * it executes: picocli reflects over every registered command at start-up, which would cost a scan half its time.
   */
  static final List<Class<?>> SUBCOMMANDS = List.of(
      ScanCommand.class,
      BatchCommand.class,
      ScanTraceCommand.class,
      ScannersCommand.class,
      EvalCommand.class,
      TrainCommand.class,
      ServeCommand.class,
      ServeLlmCommand.class,
      dev.bulwark.cli.gateway.GatewayCommand.class,
      dev.bulwark.cli.calibrate.CalibrateCommand.class);

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
