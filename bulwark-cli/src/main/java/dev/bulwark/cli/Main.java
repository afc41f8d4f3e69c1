package dev.bulwark.cli;

import dev.bulwark.core.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of {@code ./bulwark}. Every failure becomes a one-line message and a contract exit code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    System.out.flush();
    // Native libraries (llama.cpp) can leave non-daemon threads behind; end the process explicitly.
    System.exit(code);
  }

  /** Runs a command line and returns its exit code; used directly by tests. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = commandLine(out, err, args.length > 0 ? args[0] : null);
    return cli.execute(args);
  }

  /** The command line, with only the subcommand named {@code first} when there is one (all of them otherwise). */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, String first) {
    CommandLine cli = new CommandLine(new BulwarkCommand());
    boolean known = false;
    for (Class<?> c : BulwarkCommand.SUBCOMMANDS) {
      known |= c.getAnnotation(CommandLine.Command.class).name().equals(first);
    }
    for (Class<?> c : BulwarkCommand.SUBCOMMANDS) {
      String name = c.getAnnotation(CommandLine.Command.class).name();
      if (!known || name.equals(first)) {
        cli.addSubcommand(name, c);
      }
    }
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("bulwark: " + ex.getMessage());
      if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr())) {
        c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
      }
      return ExitCodes.USAGE;
    });
    cli.setExecutionExceptionHandler((ex, c, parseResult) -> {
      if (ex instanceof UsageException) {
        c.getErr().println("bulwark: " + ex.getMessage());
        c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
        return ExitCodes.USAGE;
      }
      if (ex instanceof ConfigException) {
        c.getErr().println("bulwark: configuration error: " + ex.getMessage());
        return ExitCodes.RUNTIME_ERROR;
      }
      String message = ex.getMessage() == null ? ex.getClass().getName() : ex.getMessage();
      c.getErr().println("bulwark: " + message);
      if (System.getenv("BULWARK_DEBUG") != null) {
        ex.printStackTrace(c.getErr());
      } else if (!(ex instanceof CliException)) {
        c.getErr().println("(set BULWARK_DEBUG=1 for the stack trace)");
      }
      return ExitCodes.RUNTIME_ERROR;
    });
    return cli;
  }
}
