package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code streaming:} section: defaults, every key, and precise errors. */
class StreamConfigTest {
  @Test
  void defaultsFollowMaxContentChars() {
    StreamOptions o = FirewallConfig.parse("max-content-chars: 1000", "t").streamOptions();
    assertThat(o).isEqualTo(new StreamOptions(512, true, 1000, Duration.ofMinutes(10)));
  }

  @Test
  void everyKeyIsRead() {
    StreamOptions o = FirewallConfig.parse("""
        streaming:
          hold: word
          max-hold-chars: 64
          max-answer-chars: 20_000
          max-answer-time: 30s
        """, "t").streamOptions();
    assertThat(o).isEqualTo(new StreamOptions(64, false, 20_000, Duration.ofSeconds(30)));
    try (Firewall fw = Firewall.builder().config(FirewallConfig.parse("""
        streaming: {max-hold-chars: 64}
        roles: {user: [], system: [], assistant: [regex], tool: [], memory: []}
        """, "t")).build()) {
      assertThat(fw.streamOptions().maxHoldChars()).isEqualTo(64);
    }
  }

  @Test
  void badValuesNameTheKeyAndLine() {
    assertThatThrownBy(() -> FirewallConfig.parse("streaming:\n  hold: paragraph\n", "t.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("t.yaml:2")
        .hasMessageContaining("streaming.hold: expected sentence or word, got 'paragraph'");
    assertThatThrownBy(() -> FirewallConfig.parse("streaming:\n  max-hold-chars: 1\n", "t.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("streaming.max-hold-chars: expected an integer of at least 2");
    assertThatThrownBy(() -> FirewallConfig.parse("streaming:\n  max-hold: 10\n", "t.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("streaming: unknown key 'max-hold'");
    assertThatThrownBy(() -> FirewallConfig.parse("streaming: 5\n", "t.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("streaming: expected a mapping");
  }
}
