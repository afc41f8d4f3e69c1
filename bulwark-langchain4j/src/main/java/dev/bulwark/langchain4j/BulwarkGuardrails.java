package dev.bulwark.langchain4j;

import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallConfig;
import java.nio.file.Path;

/**
 * The firewall that guardrails created by LangChain4j itself use: {@code @InputGuardrails(BulwarkInputGuardrail.class)}
 * makes LangChain4j call the no-argument constructor, which takes this one. Install yours at start with
 * {@link #use(Firewall)}; otherwise it is built once, on first use, from the file named by the system property
 * {@value #CONFIG_PROPERTY} or the environment variable {@value #CONFIG_ENV}, else from the default configuration.
 */
public final class BulwarkGuardrails {
  public static final String CONFIG_PROPERTY = "bulwark.config";
  public static final String CONFIG_ENV = "BULWARK_CONFIG";

  private static Firewall firewall;

  private BulwarkGuardrails() {}

  /** Makes {@code firewall} the one no-argument guardrails use. The caller keeps ownership (and closes it). */
  public static synchronized void use(Firewall fw) {
    firewall = fw;
  }

  /**
   * The installed firewall, or the one built from configuration on first use.
   *
   * @throws dev.bulwark.core.ConfigException when the configured file is wrong (with file and line)
   */
  public static synchronized Firewall firewall() {
    if (firewall == null) {
      String file = System.getProperty(CONFIG_PROPERTY, System.getenv(CONFIG_ENV));
      firewall = Firewall.fromConfig(file == null || file.isBlank() ? FirewallConfig.defaults()
          : FirewallConfig.load(Path.of(file)));
    }
    return firewall;
  }
}
