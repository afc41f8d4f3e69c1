package dev.bulwark.springai;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code bulwark.*} settings of the Spring Boot auto-configuration.
 *
 * <pre>
 * bulwark.config=/etc/bulwark/bulwark.yaml            # the firewall configuration (docs/CONFIGURATION.md)
 * bulwark.preset=chatbot                               # or a preset, when no file is given
 * bulwark.allow-missing-scanners=false                 # true: skip scanners whose module is missing, with a warning
 * bulwark.on-block=exception                           # exception | refusal
 * bulwark.refusal-message=I can't help with that request.
 * bulwark.on-review=block                              # block | allow
 * bulwark.scan-input=true
 * bulwark.scan-output=true
 * bulwark.advisor.enabled=true                         # add the advisor to every auto-configured ChatClient
 * bulwark.advisor.order=...                            # default: just before chat memory
 * </pre>
 *
 * @param config where the firewall configuration is: a path, {@code file:...}, or {@code classpath:bulwark.yaml} for
 *     one packaged in the application; none: the defaults (or {@code preset})
 * @param preset a preset name (default, chatbot, coding-assistant, agent) when no file says one
 * @param allowMissingScanners skip (with a warning) scanners whose module is not on the class path instead of failing
 *     at start; unset: the configuration file's {@code allow-missing-scanners}
 * @param onBlock what the advisor does with a refused message
 * @param refusalMessage the answer given instead of a refused one, with {@code on-block=refusal}
 * @param onReview what a human-review verdict does
 * @param scanInput whether the user's message is scanned before the call
 * @param scanOutput whether the answer is scanned after it
 * @param advisor how the advisor joins ChatClients
 */
@ConfigurationProperties(prefix = "bulwark")
public record BulwarkProperties(
    String config,
    String preset,
    Boolean allowMissingScanners,
    BulwarkAdvisor.OnBlock onBlock,
    String refusalMessage,
    BulwarkAdvisor.OnReview onReview,
    Boolean scanInput,
    Boolean scanOutput,
    Advisor advisor) {

  public BulwarkProperties {
    onBlock = onBlock == null ? BulwarkAdvisor.OnBlock.EXCEPTION : onBlock;
    refusalMessage = refusalMessage == null ? BulwarkAdvisor.DEFAULT_REFUSAL : refusalMessage;
    onReview = onReview == null ? BulwarkAdvisor.OnReview.BLOCK : onReview;
    scanInput = scanInput == null || scanInput;
    scanOutput = scanOutput == null || scanOutput;
    advisor = advisor == null ? new Advisor(null, null) : advisor;
  }

  /**
   * @param enabled whether the advisor is added to every auto-configured {@code ChatClient.Builder} (default true)
   * @param order the advisor's order (default {@link BulwarkAdvisor#DEFAULT_ORDER})
   */
  public record Advisor(Boolean enabled, Integer order) {
    public Advisor {
      enabled = enabled == null || enabled;
      order = order == null ? BulwarkAdvisor.DEFAULT_ORDER : order;
    }
  }
}
