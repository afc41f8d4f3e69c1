package dev.bulwark.cli;

import dev.bulwark.core.Parameter;
import dev.bulwark.core.Presets;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScannerProvider;
import dev.bulwark.core.ScannerRegistry;
import dev.bulwark.core.ScannerSettings;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bulwark scanners}: what can run, with its settings. */
@Command(name = "scanners", mixinStandardHelpOptions = true,
    description = "List the available scanners, their settings and the presets.")
final class ScannersCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    for (ScannerProvider p : ScannerRegistry.discover().all()) {
      out.printf("%s — %s%n", p.name(), p.description());
      out.printf("    roles: %s%n", p.roles().stream().map(Role::id).sorted().collect(Collectors.joining(", ")));
      p.unavailableReason(ScannerSettings.empty(p.name())).ifPresent(r -> out.printf("    without configuration: %s%n", r));
      for (Parameter param : p.parameters()) {
        out.printf("    %-22s %-18s %s%s%n", param.name(), param.type(), param.description(),
            param.defaultValue() == null ? "" : " (default: " + param.defaultValue() + ")");
      }
      out.println("    (every scanner also takes: type, failure-mode open|closed, deadline)");
      out.println();
    }
    out.println("Presets (role: scanners):");
    for (String name : Presets.names()) {
      out.printf("  %s%n", name);
      for (Map.Entry<Role, List<String>> e : Presets.get(name).entrySet()) {
        if (!e.getValue().isEmpty()) {
          out.printf("    %-10s %s%n", e.getKey().id() + ":", String.join(", ", e.getValue()));
        }
      }
    }
    out.flush();
    return 0;
  }
}
