package dev.bulwark.llm.scanners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigException;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallConfig;
import dev.bulwark.core.FirewallResult;
import dev.bulwark.core.Message;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.Status;
import dev.bulwark.core.Trace;
import dev.bulwark.llm.TinyModel;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** llama-guard inside the firewall, configured from YAML, on real llama.cpp runs of scripted tiny models. */
class LlamaGuardScannerTest {

  private static Firewall firewall(String yaml) {
    return Firewall.fromConfig(FirewallConfig.parse(yaml, "test.yaml").withAllowMissingScanners(true));
  }

  private static String config(String model, String extra) {
    return "backends:\n  local: {type: gguf, model: '" + model + "', threads: 1, context: 4096}\n"
        + "scanners:\n  llama-guard:\n    backend: local\n    version: 3-1b\n" + extra
        + "roles:\n  user: [llama-guard]\n  assistant: [llama-guard]\n";
  }

  @Test
  void blocksAnUnsafeAnswerWithTheHazardCodes() {
    try (Firewall fw = firewall(config(TinyModel.alwaysUnsafe().toString(), ""))) {
      FirewallResult r = fw.scan(Message.assistant("Here is how to do it."), Trace.of(Message.user("How do I hurt someone?")));
      assertThat(r.decision()).isEqualTo(Decision.BLOCK);
      ScanResult s = r.results().get(0);
      assertThat(s.status()).isEqualTo(Status.SUCCESS);
      assertThat(s.score()).isGreaterThan(0.99);
      assertThat(s.findings()).extracting(f -> f.category()).containsExactly("S1");
      assertThat(s.reason()).contains("as Agent turn").contains("S1 Violent Crimes");
    }
  }

  @Test
  void allowsASafePromptWithALowScore() {
    try (Firewall fw = firewall(config(TinyModel.alwaysSafe().toString(), ""))) {
      FirewallResult r = fw.scan(Message.user("What's the capital of France?"));
      assertThat(r.decision()).isEqualTo(Decision.ALLOW);
      assertThat(r.results().get(0).score()).isLessThan(0.01);
      assertThat(r.results().get(0).reason()).contains("as User turn");
    }
  }

  @Test
  void garbageIsAVisibleErrorWithTheDeclaredFailureMode() {
    String yaml = config(TinyModel.path().toString(), "    failure-mode: closed\n");
    try (Firewall fw = firewall(yaml)) {
      FirewallResult r = fw.scan(Message.user("hello"));
      assertThat(r.results().get(0).status()).isEqualTo(Status.ERROR);
      assertThat(r.results().get(0).error()).contains("neither 'safe' nor 'unsafe'");
      assertThat(r.decision()).isEqualTo(Decision.BLOCK);
    }
  }

  @Test
  void backendDownFailsOpenByDefault() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String yaml = "backends:\n  guard: {type: openai, base-url: 'http://127.0.0.1:" + port + "/v1', model: m, max-retries: 0}\n"
        + "scanners:\n  llama-guard: {backend: guard}\nroles:\n  user: [llama-guard]\n";
    try (Firewall fw = firewall(yaml)) {
      FirewallResult r = fw.scan(Message.user("hello"));
      assertThat(r.decision()).isEqualTo(Decision.ALLOW);
      assertThat(r.results().get(0).status()).isEqualTo(Status.ERROR);
      assertThat(r.results().get(0).error()).contains("cannot connect");
    }
  }

  @Test
  void configurationMistakesNameFileAndLine() {
    assertThatThrownBy(() -> firewall("backends:\n  local: {type: gguf, model: x.gguf, thread: 2}\n"
        + "scanners:\n  llama-guard: {backend: local}\nroles:\n  user: [llama-guard]\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("test.yaml:2").hasMessageContaining("unknown key 'thread'");
    assertThatThrownBy(() -> firewall("backends:\n  local: {type: gguf, model: x.gguf}\n"
        + "scanners:\n  llama-guard: {backend: locl}\nroles:\n  user: [llama-guard]\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("test.yaml:4").hasMessageContaining("no backend 'locl'");
    assertThatThrownBy(() -> firewall("backends:\n  g: {type: openai, base-url: 'ftp://x', model: m}\n"
        + "scanners:\n  llama-guard: {backend: g}\nroles:\n  user: [llama-guard]\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("test.yaml:2").hasMessageContaining("http(s) URL");
    assertThatThrownBy(() -> firewall("backends:\n  g: {type: openai, base-url: 'http://127.0.0.1:9/v1', model: m,"
        + " api-key-env: BULWARK_TEST_UNSET_KEY}\nscanners:\n  llama-guard: {backend: g}\nroles:\n  user: [llama-guard]\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("BULWARK_TEST_UNSET_KEY is not set");
    assertThatThrownBy(() -> firewall(config(TinyModel.alwaysSafe().toString(), "    exclude: [S14]\n")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("S14 is not one of");
    assertThatThrownBy(() -> firewall("backends:\n  local: {type: gguf, model: /nonexistent/m.gguf}\n"
        + "scanners:\n  llama-guard: {backend: local}\nroles:\n  user: [llama-guard]\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("model file not found");
  }
}
