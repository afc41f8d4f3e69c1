package dev.bulwark.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bulwark eval}: quality metrics of a detector on labelled data (contracts §7). Subcommands per detector. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Measure a detector on labelled data.",
    subcommands = {
      dev.bulwark.cli.codeshield.CodeShieldEvalCommand.class,
      dev.bulwark.cli.promptguard.EvalPromptGuardCommand.class,
      dev.bulwark.cli.eval.CyberSecEvalCommand.class,
      dev.bulwark.cli.llamaguard.EvalLlamaGuardCommand.class,
    })
final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
