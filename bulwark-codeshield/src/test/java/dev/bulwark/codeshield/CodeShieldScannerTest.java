package dev.bulwark.codeshield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigException;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Message;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.ScannerRegistry;
import dev.bulwark.core.ScannerSettings;
import dev.bulwark.core.Status;
import dev.bulwark.core.ToolCall;
import dev.bulwark.core.Trace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodeShieldScannerTest {
  private final CodeShieldScanner scanner = CodeShieldScanner.withDefaults();

  @Test
  void blockTreatmentBlocksWithCweFindings() {
    ScanResult r = scanner.scan(Message.assistant("import os\nos.system('rm ' + path)").withAttribute(Message.LANGUAGE, "python"), Trace.empty());
    assertThat(r.decision()).isEqualTo(Decision.BLOCK);
    Finding f = r.findings().get(0);
    assertThat(f.category()).isEqualTo("CWE-78");
    assertThat(f.line()).isEqualTo(2);
    assertThat(r.score()).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void warnTreatmentFollowsTheSetting() {
    Message weakHash = Message.assistant("h = hashlib.md5(data).hexdigest()").withAttribute(Message.LANGUAGE, "python");
    assertThat(scanner.scan(weakHash, Trace.empty()).decision()).isEqualTo(Decision.HUMAN_IN_THE_LOOP_REQUIRED);
    var provider = new CodeShieldScannerProvider();
    var allow = provider.create(ScannerSettings.of("code-shield", Map.of("warn-decision", "allow")));
    ScanResult r = allow.scan(weakHash, Trace.empty());
    assertThat(r.decision()).isEqualTo(Decision.ALLOW);
    assertThat(r.findings()).isNotEmpty();
    assertThat(r.score()).isBetween(0.5, 0.7);
  }

  @Test
  void secureCodeIsAllowedWithScoreZero() {
    ScanResult r = scanner.scan(Message.assistant("```python\nprint(sum(range(10)))\n```"), Trace.empty());
    assertThat(r.decision()).isEqualTo(Decision.ALLOW);
    assertThat(r.score()).isEqualTo(0.0);
  }

  @Test
  void codeInToolCallArgumentsIsScanned() {
    Message m = Message.assistant("", List.of(ToolCall.of("python", "{\"code\": \"import pickle\\npickle.loads(blob)\", \"language\": \"python\"}")));
    ScanResult r = scanner.scan(m, Trace.empty());
    assertThat(r.decision()).isEqualTo(Decision.BLOCK);
    assertThat(r.findings().get(0).message()).contains("tool call python");
  }

  @Test
  void emptyMessageIsSkipped() {
    assertThat(scanner.scan(Message.assistant(""), Trace.empty()).status()).isEqualTo(Status.SKIPPED);
  }

  @Test
  void providersAreDiscoverableAndValidateSettings() {
    ScannerRegistry registry = ScannerRegistry.discover();
    assertThat(registry.find("code-shield")).isPresent();
    assertThat(registry.find("shell-command")).isPresent();
    var provider = new CodeShieldScannerProvider();
    assertThatThrownBy(() -> provider.create(ScannerSettings.of("code-shield", Map.of("on-error", "explode"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("on-error");
    assertThatThrownBy(() -> provider.create(ScannerSettings.of("code-shield", Map.of("disabled-rules", List.of("nope.rule")))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("nope.rule");
    assertThatThrownBy(() -> provider.create(ScannerSettings.of("code-shield", Map.of("language", "cobol"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cobol");
  }
}
