package dev.bulwark.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointTest {
  @Test
  void nameUrlAndOptions() {
    Endpoint e = Endpoint.parseNamed("llama70b=https://api.example.test/v1/;model=meta-llama/Llama-3.3-70B;"
        + "api-key-env=EXAMPLE_KEY;concurrency=8");
    assertThat(e.name()).isEqualTo("llama70b");
    assertThat(e.baseUrl().toString()).isEqualTo("https://api.example.test/v1/");
    assertThat(e.limitKey()).isEqualTo("https://api.example.test/v1");
    assertThat(e.model()).isEqualTo("meta-llama/Llama-3.3-70B");
    assertThat(e.apiKeyEnv()).isEqualTo("EXAMPLE_KEY");
    assertThat(e.concurrency()).isEqualTo(8);
    assertThat(e.describe()).doesNotContain("EXAMPLE_KEY");
  }

  @Test
  void theModelIdDefaultsToTheName() {
    Endpoint e = Endpoint.parseNamed("tiny=http://127.0.0.1:8081/v1");
    assertThat(e.model()).isEqualTo("tiny");
    assertThat(e.apiKeyEnv()).isNull();
    assertThat(e.concurrency()).isZero();
  }

  @Test
  void mistakesAreExplained() {
    assertThatThrownBy(() -> Endpoint.parseNamed("http://127.0.0.1:8081/v1")).hasMessageContaining("NAME=URL");
    assertThatThrownBy(() -> Endpoint.parseNamed("a=ftp://host/v1")).hasMessageContaining("http(s) base URL");
    assertThatThrownBy(() -> Endpoint.parseNamed("a=http://h/v1;temperature=1")).hasMessageContaining("unknown endpoint option 'temperature'");
    assertThatThrownBy(() -> Endpoint.parseNamed("a=http://h/v1;concurrency=0")).hasMessageContaining("1 to 256");
    assertThatThrownBy(() -> Endpoint.parseNamed("a=http://h/v1;model=")).hasMessageContaining("has no value");
  }

  @Test
  void benchmarksByTheirNamesAndUpstreamAliases() {
    assertThat(Benchmark.parse("prompt-injection")).isEqualTo(Benchmark.PROMPT_INJECTION);
    assertThat(Benchmark.parse("mitre_frr")).isEqualTo(Benchmark.FRR);
    assertThat(Benchmark.parse("multiturn-phishing")).isEqualTo(Benchmark.SPEAR_PHISHING);
    assertThatThrownBy(() -> Benchmark.parse("mitre")).hasMessageContaining("expected one of instruct, autocomplete");
  }
}
