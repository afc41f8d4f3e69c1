package dev.bulwark.langchain4j;

import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The firewall that guardrails created by LangChain4j itself use: {@code @InputGuardrails(BulwarkInputGuardrail.class)}
 * makes LangChain4j call the no-argument constructor, which takes this one. Install yours at start with
 * {@link #use(Firewall)}; otherwise it is built once, on first use, from the location named by the system property
 * {@value #CONFIG_PROPERTY} or the environment variable {@value #CONFIG_ENV} (a path, {@code file:...} or
 * {@code classpath:...}), else from the default configuration.
 */
public final class BulwarkGuardrails {
  public static final String CONFIG_PROPERTY = "bulwark.config";
  public static final String CONFIG_ENV = "BULWARK_CONFIG";

  private static final Logger LOG = LoggerFactory.getLogger(BulwarkGuardrails.class);

  private static Firewall firewall;

  private BulwarkGuardrails() {}

  /**
   * Makes {@code fw} the one no-argument guardrails use. The caller keeps ownership (and closes it). {@code null}
   * forgets it: the next use builds one from configuration again.
   */
  public static synchronized void use(Firewall fw) {
    firewall = fw;
    if (fw != null) {
      LOG.info("Bulwark guardrails use the firewall given in code: {}", fw.describe());
    }
  }

  /**
   * The installed firewall, or the one built from configuration on first use.
   *
   * @throws dev.bulwark.core.ConfigException when the configured file is wrong (with file and line)
   */
  public static synchronized Firewall firewall() {
    if (firewall == null) {
      String file = System.getProperty(CONFIG_PROPERTY, System.getenv(CONFIG_ENV));
      boolean configured = file != null && !file.isBlank();
      firewall = Firewall.fromConfig(configured ? FirewallConfig.fromLocation(file) : FirewallConfig.defaults());
      // Once per JVM: which scanners guard which role, so a partial setup is visible at start, not after an attack.
      LOG.info("Bulwark guardrails built their firewall from {}: {}",
          configured ? file : "the default configuration", firewall.describe());
    }
    return firewall;
  }
}
