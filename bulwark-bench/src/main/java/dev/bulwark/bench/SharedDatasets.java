package dev.bulwark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The team's development datasets, which sit next to a checkout ({@code ../shared/datasets/…}) on development
 * machines and nowhere else: benches that replay real data look for them here and say so when they are missing.
 */
final class SharedDatasets {
  private SharedDatasets() {}

  /** {@code shared/datasets/<relative>} in {@code bulwark.home} or any directory above it. */
  static Optional<Path> find(String relative) {
    for (Path p = Path.of(System.getProperty("bulwark.home", ".")).toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/datasets").resolve(relative);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
