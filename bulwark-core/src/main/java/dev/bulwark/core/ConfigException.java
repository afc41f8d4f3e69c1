package dev.bulwark.core;

/**
 * Invalid configuration. The message names the place ({@code file:line:column}) and what to do about it, so that a
 * user can fix the file without reading code.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(ConfigNode.Location location, String message) {
    super(location == null ? message : location + ": " + message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
