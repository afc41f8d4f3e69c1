package dev.bulwark.cli;

/** {@code --format}. */
enum OutputFormat {
  json,
  text
}
