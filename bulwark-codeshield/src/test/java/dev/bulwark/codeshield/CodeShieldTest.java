package dev.bulwark.codeshield;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Severity;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CodeShieldTest {
  private static final CodeShield SHIELD = CodeShield.create();

  @Test
  void reportsIssuesWithLinesAndColumnsInTheOriginalText() {
    String text = "Here is the code:\n\n```python\nimport os\ndef run(p):\n    os.system('ls ' + p)\n```\nDone.";
    CodeShieldResult r = SHIELD.scan(text);
    assertThat(r.insecure()).isTrue();
    assertThat(r.treatment()).isEqualTo(Treatment.BLOCK);
    assertThat(r.languages()).containsExactly(Language.PYTHON);
    Issue i = r.issues().get(0);
    assertThat(i.rule()).isEqualTo("python.os-system");
    assertThat(i.cwe()).isEqualTo("CWE-78");
    assertThat(i.line()).isEqualTo(6);
    assertThat(i.column()).isEqualTo(5);
    assertThat(text.substring(i.start())).startsWith("os.system");
    assertThat(i.snippet()).isEqualTo("os.system('ls ' + p)");
    assertThat(i.fix()).isNotBlank();
  }

  @Test
  void fenceTagAliasesPickTheLanguage() {
    assertThat(SHIELD.scan("```py\nimport hashlib\nh = hashlib.md5(b'x')\n```").languages()).containsExactly(Language.PYTHON);
    assertThat(SHIELD.scan("```c++\nchar b[8];\nstrcpy(b, s);\n```").languages()).containsExactly(Language.CPP);
    assertThat(SHIELD.scan("~~~golang\npackage main\n~~~").languages()).containsExactly(Language.GO);
    assertThat(SHIELD.scan("```cs\nvar r = new Random();\n```").issues()).extracting(Issue::rule).contains("csharp.insecure-random");
  }

  @Test
  void mixedLanguagesInOneMessageEachUseTheirOwnRules() {
    String text = "```js\nconst v = eval(userInput);\n```\nand\n```java\nMessageDigest.getInstance(\"MD5\");\n```";
    CodeShieldResult r = SHIELD.scan(text);
    assertThat(r.languages()).containsExactly(Language.JAVASCRIPT, Language.JAVA);
    assertThat(r.issues()).extracting(Issue::rule).containsExactly("javascript.eval-dynamic", "java.weak-hash");
    assertThat(r.issues()).extracting(Issue::line).containsExactly(2, 6);
  }

  @Test
  void untaggedCodeIsDetected() {
    CodeShieldResult r = SHIELD.scan("#include <stdio.h>\nint main(void) {\n    char buf[16];\n    gets(buf);\n    return 0;\n}\n");
    assertThat(r.languages()).containsExactly(Language.C);
    assertThat(r.issues()).extracting(Issue::rule).contains("c.gets");
    assertThat(r.treatment()).isEqualTo(Treatment.BLOCK);
  }

  @Test
  void unknownLanguageRunsOnlyLanguageAgnosticRulesAndSaysSo() {
    CodeShieldResult r = SHIELD.scan("some config\nkey = AKIAQ3EXAMPLE7KEY4ZZ\n");
    assertThat(r.languageAgnosticOnly()).isTrue();
    assertThat(r.languages()).isEmpty();
    assertThat(r.issues()).extracting(Issue::rule).containsExactly("any.cloud-api-key");
    assertThat(r.issues().get(0).language()).isNull();
  }

  @Test
  void commentedOutCodeIsNotFlagged() {
    CodeShieldResult r = SHIELD.scan("import os\n# os.system(cmd)\n\"\"\"\nos.system(cmd)\n\"\"\"\nprint('ok')\n", "python");
    assertThat(r.issues()).isEmpty();
    assertThat(r.insecure()).isFalse();
    assertThat(r.treatment()).isEqualTo(Treatment.IGNORE);
  }

  @Test
  void policyMapsSeverityToTreatment() {
    CodeShield lenient = CodeShield.builder()
        .policy(new TreatmentPolicy(Treatment.WARN, Treatment.WARN, Treatment.IGNORE)).build();
    CodeShieldResult r = lenient.scan("let v = unsafe { f() };", "rust");
    assertThat(r.issues()).extracting(Issue::severity).containsExactly(Severity.ADVICE);
    assertThat(r.insecure()).isFalse();
    assertThat(r.treatment()).isEqualTo(Treatment.IGNORE);
    assertThat(lenient.scan("gets(b);", "c").treatment()).isEqualTo(Treatment.WARN);
  }

  @Test
  void unterminatedFenceIsScannedToTheEnd() {
    CodeShieldResult r = SHIELD.scan("```python\nimport pickle\nobj = pickle.loads(data)\n");
    assertThat(r.issues()).extracting(Issue::rule).contains("python.unsafe-deserialization");
    assertThat(r.notes()).anyMatch(n -> n.contains("unterminated"));
  }

  @Test
  void unknownLanguageHintFallsBackToDetectionWithANote() {
    CodeShieldResult r = SHIELD.scan("x = eval(input())", "klingon");
    assertThat(r.notes().get(0)).contains("unknown language");
  }

  @Test
  void badInputGivesAResult() {
    byte[] noise = new byte[200_000];
    new Random(7).nextBytes(noise);
    String binary = new String(noise, StandardCharsets.ISO_8859_1);
    assertThat(SHIELD.scan(binary)).isNotNull();
    assertThat(SHIELD.scan(binary, "c")).isNotNull();
    String invalidUtf8 = new String(noise, StandardCharsets.UTF_8); // malformed sequences become U+FFFD
    assertThat(SHIELD.scan(invalidUtf8, "python")).isNotNull();
    assertThat(SHIELD.scan("\uD800 lone surrogate eval(x)", "python").issues()).isNotEmpty();
    assertThat(SHIELD.scan("")).satisfies(r -> assertThat(r.issues()).isEmpty());
    assertThat(SHIELD.scan("```\n```\n```")).isNotNull();
  }

  @Test
  void aFiveMegabyteFileIsScannedWithRegexRulesAndANote() {
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 5 * 1024 * 1024) {
      sb.append("def f(x):\n    return hashlib.sha256(x).hexdigest()\n");
    }
    sb.append("os.system(cmd)\n");
    CodeShieldResult r = SHIELD.scan(sb.toString(), "python");
    assertThat(r.issues()).extracting(Issue::rule).contains("python.os-system");
  }

  @Test
  void jsonShapeHasTheContractFields() {
    String json = CodeShieldJson.toJson(SHIELD.scan("eval(x)", "python"));
    assertThat(json).startsWith("{\"insecure\":true,\"treatment\":\"block\",\"issues\":[{\"rule\":\"python.eval-dynamic\",\"cwe\":\"CWE-94\"");
    assertThat(json).contains("\"line\":1", "\"column\":1", "\"languages\":[\"python\"]", "\"language_agnostic_only\":false");
  }
}
