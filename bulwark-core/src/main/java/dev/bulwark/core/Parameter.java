package dev.bulwark.core;

/**
 * A setting a scanner accepts, as {@code bulwark scanners} lists it and as configuration validation checks it.
 *
 * @param name the key in the scanner's configuration block
 * @param type a short type description: {@code number 0..1}, {@code path}, {@code list of patterns}, ...
 * @param defaultValue the value used when the key is absent, as text; null when there is none
 * @param description one line on what it does
 */
public record Parameter(String name, String type, String defaultValue, String description) {}
