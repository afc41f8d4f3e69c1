package dev.bulwark.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bulwark train}: trains the embedded classifier heads (contracts §7). */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a classifier head reproducibly (fixed seed).",
    subcommands = {
      dev.bulwark.cli.promptguard.TrainPromptGuardCommand.class,
      dev.bulwark.cli.llamaguard.TrainLlamaGuardCommand.class,
    })
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
