package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
  @Test
  void acceptsOnlyBearerHeadersWithAKnownKey() {
    ApiKeys keys = ApiKeys.of(List.of("first-key-0123456789", "second-key-abcdefghij"));
    assertThat(keys.required()).isTrue();
    assertThat(keys.accepts("Bearer first-key-0123456789")).isTrue();
    assertThat(keys.accepts("bearer second-key-abcdefghij")).isTrue();
    assertThat(keys.accepts("Bearer first-key-012345678")).isFalse();
    assertThat(keys.accepts("first-key-0123456789")).isFalse();
    assertThat(keys.accepts("Basic first-key-0123456789")).isFalse();
    assertThat(keys.accepts(null)).isFalse();
    assertThat(keys.toString()).doesNotContain("first-key");
  }

  @Test
  void noKeysAcceptEverything() {
    assertThat(ApiKeys.none().required()).isFalse();
    assertThat(ApiKeys.none().accepts(null)).isTrue();
    assertThat(ApiKeys.fromValue(" , ").required()).isFalse();
  }

  @Test
  void shortOrSpacedKeysAreRefusedWithoutEchoingThem() {
    assertThatThrownBy(() -> ApiKeys.of(List.of("short")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("#1").hasMessageNotContaining("short");
  }

  @Test
  void readsOneKeyPerLineSkippingComments(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keys");
    Files.writeString(file, "# service A\nservice-a-key-00000001\n\nservice-b-key-00000002\n");
    ApiKeys keys = ApiKeys.fromFile(file);
    assertThat(keys.size()).isEqualTo(2);
    assertThat(keys.accepts("Bearer service-b-key-00000002")).isTrue();
    Files.writeString(file, "# nothing\n");
    assertThatThrownBy(() -> ApiKeys.fromFile(file)).hasMessageContaining("no API key");
  }

  @Test
  void environmentValueSplitsOnCommasAndNewlines() {
    ApiKeys keys = ApiKeys.fromValue("aaaaaaaaaaaaaaaa1,bbbbbbbbbbbbbbbb2\ncccccccccccccccc3");
    assertThat(keys.size()).isEqualTo(3);
    assertThat(keys.accepts("Bearer cccccccccccccccc3")).isTrue();
  }
}
