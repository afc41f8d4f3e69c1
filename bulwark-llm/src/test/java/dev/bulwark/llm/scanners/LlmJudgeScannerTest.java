package dev.bulwark.llm.scanners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigException;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallConfig;
import dev.bulwark.core.FirewallResult;
import dev.bulwark.core.Message;
import dev.bulwark.core.Status;
import dev.bulwark.llm.ScriptedChatServer;
import org.junit.jupiter.api.Test;

/** A pii-llm check defined purely in configuration. */
class LlmJudgeScannerTest {
  private static final String PII = """
      scanners:
        pii-llm:
          type: llm-judge
          backend: auditor
          system-prompt: "List the kinds of personal data in the text: names, emails, phone numbers, postal addresses, ID numbers, card numbers."
          fields: {pii_types: list, explanation: string}
          flag-field: pii_types
          reason-field: explanation
      roles:
        user: [pii-llm]
      """;

  private static Firewall firewall(ScriptedChatServer s, String yaml) {
    return Firewall.fromConfig(FirewallConfig.parse(s.backendsYaml() + yaml, "t.yaml").withAllowMissingScanners(true));
  }

  @Test
  void flagsWhenTheListIsNonEmpty() throws Exception {
    try (ScriptedChatServer judge = new ScriptedChatServer(b -> b.contains("jane@example.org")
        ? "{\"pii_types\": [\"email\"], \"explanation\": \"contains an email address\"}"
        : "{\"pii_types\": [\"None\"], \"explanation\": \"nothing personal\"}");
        Firewall fw = firewall(judge, PII)) {
      FirewallResult hit = fw.scan(Message.user("write to jane@example.org"));
      assertThat(hit.decision()).isEqualTo(Decision.BLOCK);
      assertThat(hit.results().get(0).reason()).contains("pii_types = [\"email\"]").contains("contains an email");
      FirewallResult miss = fw.scan(Message.user("what's the weather"));
      assertThat(miss.decision()).isEqualTo(Decision.ALLOW);
      assertThat(judge.requests.get(0)).contains("Answer with exactly one JSON object with these fields");
    }
  }

  @Test
  void unusableAnswersAreErrors() throws Exception {
    try (ScriptedChatServer judge = new ScriptedChatServer(b -> "{\"pii_types\": \"email\"}"); Firewall fw = firewall(judge, PII)) {
      FirewallResult r = fw.scan(Message.user("x"));
      assertThat(r.results().get(0).status()).isEqualTo(Status.ERROR);
      assertThat(r.results().get(0).error()).contains("'pii_types' is not a list");
    }
  }

  @Test
  void numberFieldsFlagAtAThreshold() throws Exception {
    String yaml = """
        scanners:
          toxicity:
            type: llm-judge
            backend: auditor
            system-prompt: "Rate how insulting the text is from 0 to 1."
            fields: {insult: number}
            flag-field: insult
            flag-when: ">= 0.7"
            score-field: insult
            decision: human_in_the_loop_required
        roles:
          user: [toxicity]
        """;
    try (ScriptedChatServer judge = new ScriptedChatServer(b -> "{\"insult\": 0.8}"); Firewall fw = firewall(judge, yaml)) {
      FirewallResult r = fw.scan(Message.user("you fool"));
      assertThat(r.decision()).isEqualTo(Decision.HUMAN_IN_THE_LOOP_REQUIRED);
      assertThat(r.score()).isEqualTo(0.8);
    }
  }

  @Test
  void configurationMistakesAreReported() throws Exception {
    try (ScriptedChatServer judge = new ScriptedChatServer(b -> "{}")) {
      assertThatThrownBy(() -> firewall(judge, PII.replace("flag-field: pii_types", "flag-field: pii")))
          .isInstanceOf(ConfigException.class).hasMessageContaining("'pii' is not one of the fields");
      assertThatThrownBy(() -> firewall(judge, PII.replace("pii_types: list", "pii_types: array")))
          .isInstanceOf(ConfigException.class).hasMessageContaining("t.yaml:").hasMessageContaining("expected one of boolean");
    }
  }
}
