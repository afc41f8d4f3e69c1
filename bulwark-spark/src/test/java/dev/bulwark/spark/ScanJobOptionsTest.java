package dev.bulwark.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.Role;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScanJobOptionsTest {

  @Test
  void parsesEveryOption() {
    ScanJob.Options o = ScanJob.Options.parse("--input", "in", "--format", "JSONL", "--output", "out", "--config", "c.yaml",
        "--scanner", "regex", "--scanner", "pii", "--role", "tool", "--master", "local[2]", "--partitions", "8",
        "--text-column", "body", "--role-column", "who", "--window", "4");
    assertThat(o).isEqualTo(new ScanJob.Options("in", "jsonl", "out", "c.yaml", List.of("regex", "pii"), Role.TOOL,
        "local[2]", 8, "body", "who", 4));
  }

  @Test
  void badArgumentsSayWhatIsWrong() {
    assertThatThrownBy(() -> ScanJob.Options.parse("--input", "in", "--output", "out"))
        .hasMessageContaining("--input, --format and --output are required");
    assertThatThrownBy(() -> ScanJob.Options.parse("--input", "in", "--format", "csv", "--output", "out"))
        .hasMessageContaining("--format must be jsonl or parquet, was 'csv'");
    assertThatThrownBy(() -> ScanJob.Options.parse("--partitions", "0")).hasMessageContaining("at least 1, was '0'");
    assertThatThrownBy(() -> ScanJob.Options.parse("--input")).hasMessageContaining("--input needs a value");
    assertThatThrownBy(() -> ScanJob.Options.parse("--colour", "red")).hasMessageContaining("unknown option --colour");
    assertThatThrownBy(() -> ScanJob.Options.parse("--role", "narrator")).hasMessageContaining("unknown role 'narrator'");
  }

  @Test
  void usageErrorsExitTwoBeforeSparkStarts() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ScanJob.run(new String[] {"--input", "a", "--output", "b", "--format", "xml"}, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--format must be jsonl or parquet").contains("usage: ScanJob");
  }
}
