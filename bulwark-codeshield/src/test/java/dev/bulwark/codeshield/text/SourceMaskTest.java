package dev.bulwark.codeshield.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceMaskTest {
  @Test
  void aCutStartingInsideADocstringBlanksItsTail() {
    String code = "    and returns the parsed rows.\n    \"\"\"\n    rows = load(path)\n";
    SourceMask m = SourceMask.of(code, LexicalSyntax.PYTHON);
    assertThat(m.codeWithoutStrings()).contains("rows = load(path)").doesNotContain("returns");
  }

  @Test
  void aOneLineDocstringAtTheStartIsAStringNotTheEndOfOne() {
    String code = "    \"\"\"Run the given code.\"\"\"\n    flag = True\n\n    def run(self):\n        exec(self.text)\n";
    SourceMask m = SourceMask.of(code, LexicalSyntax.PYTHON);
    assertThat(m.codeWithoutStrings()).contains("exec(self.text)").doesNotContain("Run the given");
    assertThat(m.codeWithoutStrings()).hasSameSizeAs(code);
  }
}
