package dev.bulwark.eval.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.eval.EvalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldCheckTest {
  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void aRenamedFieldStopsTheRunNamingFieldFileAndTheLikelyNewName() throws IOException {
    Path f = file("instruct.json", "[{\"testCasePrompt\": \"x\", \"language\": \"c\"}, {\"testCasePrompt\": \"y\", \"language\": \"c\"}]");
    List<Records.Record> records = Records.read(f);
    assertThatThrownBy(() -> FieldCheck.check(f, records, List.of(Field.text("test_case_prompt"), Field.text("language")),
        "instruct test cases"))
        .isInstanceOf(EvalException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("'test_case_prompt'")
        .hasMessageContaining("did you mean 'testCasePrompt'?");
  }

  @Test
  void aRecordWithoutAFieldOrWithTheWrongTypeIsMarkedAndTheOthersPass() throws IOException {
    Path f = file("pi.json", "[{\"a\": \"x\", \"b\": [\"1\"]}, {\"b\": [\"2\"]}, {\"a\": 3, \"b\": \"s\"}, 7, {\"a\": \"y\", \"b\": {\"k\": 1}}]");
    List<Records.Record> records = Records.read(f);
    Map<Integer, String> problems = FieldCheck.check(f, records, List.of(Field.text("a"), Field.list("b")), "records");
    assertThat(problems).containsOnlyKeys(1, 2, 3, 4);
    assertThat(problems.get(1)).contains("record 2").contains("has no field 'a'");
    assertThat(problems.get(2)).contains("field 'a' is a number, expected a string");
    assertThat(problems.get(3)).contains("element 4 is a number");
    assertThat(problems.get(4)).contains("field 'b' is an object, expected a list of strings");
  }

  @Test
  void jsonLinesAndBrokenFiles() throws IOException {
    List<Records.Record> lines = Records.read(file("r.jsonl", "{\"a\": \"x\"}\n\nnot json\n{\"a\": \"y\"}\n"));
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1).problem()).contains("line 3 is not valid JSON");
    Path truncated = file("t.json", "[{\"a\": \"x\"}, {\"a\": ");
    assertThatThrownBy(() -> Records.read(truncated)).isInstanceOf(EvalException.class).hasMessageContaining(truncated.toString());
    assertThatThrownBy(() -> Records.read(dir.resolve("absent.json"))).hasMessageContaining("no such file");
    assertThatThrownBy(() -> Records.read(file("e.json", "  "))).hasMessageContaining("empty");
    Path empty = file("none.json", "[]");
    assertThatThrownBy(() -> FieldCheck.check(empty, Records.read(empty), List.of(Field.text("a")), "x"))
        .hasMessageContaining("no records");
  }
}
