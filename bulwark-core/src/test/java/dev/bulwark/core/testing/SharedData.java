package dev.bulwark.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the team's shared development data ({@code ../shared/datasets}, next to the checkout) for tests that use it.
 * A fresh clone has no such directory: those tests skip instead of failing. {@code BULWARK_SHARED} overrides the
 * search.
 */
public final class SharedData {
  private SharedData() {}

  /** The {@code shared} directory, if any ancestor of the working directory has it as a child. */
  public static Optional<Path> dir() {
    String env = System.getenv("BULWARK_SHARED");
    if (env != null && Files.isDirectory(Path.of(env))) {
      return Optional.of(Path.of(env));
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared");
      if (Files.isDirectory(candidate.resolve("datasets"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** A file under {@code shared/}, or a skipped test when it is absent. */
  public static Path require(String relative) {
    Optional<Path> dir = dir();
    Assumptions.assumeTrue(dir.isPresent(), "../shared is not present (fresh clone): skipping");
    Path file = dir.get().resolve(relative);
    Assumptions.assumeTrue(Files.exists(file), "shared file " + relative + " is not present: skipping");
    return file;
  }
}
