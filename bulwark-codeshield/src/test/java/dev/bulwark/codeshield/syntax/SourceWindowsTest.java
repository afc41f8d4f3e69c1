package dev.bulwark.codeshield.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.text.LineIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceWindowsTest {
  @Test
  void aCallSpreadOverLinesIsCutOutWholeAndOffsetsMapBack() {
    String code = "import subprocess\n\nx = 1\nsubprocess.call(\n    cmd,\n    shell=True)\ny = 2\nz = 3\n";
    int hit = code.indexOf("shell=True");
    SourceWindows w = SourceWindows.around(List.<int[]>of(new int[] {hit, hit + 10}), code, code, LineIndex.of(code), 10_000);
    assertThat(w.text()).isEqualTo("x = 1\nsubprocess.call(\n    cmd,\n    shell=True)\n");
    int call = w.text().indexOf("subprocess.call");
    assertThat(w.toBlock(call)).isEqualTo(code.indexOf("subprocess.call"));
    assertThat(w.truncated()).isFalse();
  }

  @Test
  void anObjectLiteralArgumentBelongsToTheEnclosingCall() {
    String code = "list.forEach(function (v) {\n  out.push({\n    year: v.year,\n    value: eval('v.' + key)\n  });\n});\n";
    int hit = code.indexOf("eval");
    SourceWindows w = SourceWindows.around(List.<int[]>of(new int[] {hit, hit + 5}), code, code, LineIndex.of(code), 10_000);
    assertThat(w.text()).contains("  out.push({\n").endsWith("  });\n");
  }

  @Test
  void windowsBeyondTheCapAreDroppedAndSaidSo() {
    String code = "a(1)\n".repeat(100);
    List<int[]> hits = List.of(new int[] {0, 1}, new int[] {250, 251});
    SourceWindows w = SourceWindows.around(hits, code, code, LineIndex.of(code), 6);
    assertThat(w.text()).isEqualTo("a(1)\n");
    assertThat(w.truncated()).isTrue();
    assertThat(w.toBlock(4)).isEqualTo(4);
    assertThat(w.toBlock(5)).isEqualTo(-1);
  }
}
