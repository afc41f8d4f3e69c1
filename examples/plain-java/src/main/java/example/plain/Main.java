package example.plain;

import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallConfig;
import dev.bulwark.core.FirewallResult;
import dev.bulwark.core.Message;

/** Checks each argument as a user message with the firewall configured in src/main/resources/bulwark.yaml. */
public final class Main {
  public static void main(String[] args) {
    try (Firewall firewall = Firewall.fromConfig(FirewallConfig.fromLocation("classpath:bulwark.yaml"))) {
      for (String text : args) {
        FirewallResult r = firewall.scan(Message.user(text));
        System.out.println(r.decision() + " (score " + r.score() + "): " + text);
      }
    }
  }
}
