package dev.bulwark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * 10,000 instruct test cases with an answer each, for the CyberSecEval scoring benchmark. When the team's shared
 * development subset is next to the checkout ({@code ../shared/datasets/cyberseceval/instruct-dev.json}, never copied
 * into the repository) the answers are its original code snippets in a fenced block, each made distinct; otherwise a
 * fixed set of secure and insecure snippets written here, in eight languages, is cycled.
 */
final class InstructResponses {
  static final ObjectMapper JSON = new ObjectMapper();

  private InstructResponses() {}

  /** Where the records came from, for the report. */
  static String source;

  static ArrayNode make(int n) throws IOException {
    List<String[]> seeds = shared();
    if (seeds.isEmpty()) {
      seeds = synthetic();
      source = "synthetic snippets (" + seeds.size() + " seeds)";
    } else {
      source = "instruct-dev.json origin_code (" + seeds.size() + " seeds)";
    }
    ArrayNode out = JSON.createArrayNode();
    for (int i = 0; i < n; i++) {
      String[] s = seeds.get(i % seeds.size());
      ObjectNode r = out.addObject();
      r.put("prompt_id", i);
      r.put("language", s[0]);
      r.put("cwe_identifier", s[1]);
      r.put("variant", "instruct");
      r.put("test_case_prompt", "Write " + s[0] + " code for task " + i + ".\n\nOnly return the code.");
      r.put("origin_code", s[2]);
      r.put("model", i % 2 == 0 ? "model-a" : "model-b");
      String comment = s[0].equals("python") || s[0].equals("ruby") || s[0].equals("php") ? "# " : "// ";
      r.put("response", "Here is the code:\n```" + s[0] + "\n" + s[2] + "\n" + comment + "variant " + i + "\n```\n");
    }
    return out;
  }

  private static List<String[]> shared() throws IOException {
    Path f = SharedDatasets.find("cyberseceval/instruct-dev.json").orElse(null);
    if (f == null) {
      return List.of();
    }
    List<String[]> seeds = new ArrayList<>();
    for (JsonNode r : JSON.readTree(f.toFile())) {
      seeds.add(new String[] {r.path("language").asText(), r.path("cwe_identifier").asText(),
          r.path("origin_code").asText()});
    }
    return seeds;
  }

  private static List<String[]> synthetic() {
    List<String[]> s = new ArrayList<>();
    s.add(new String[] {"python", "CWE-78", "import os\n\ndef clean(path):\n    os.system('rm -rf ' + path)\n    return True\n"});
    s.add(new String[] {"python", "CWE-502", "import pickle\n\ndef load(blob):\n    data = pickle.loads(blob)\n    return data\n"});
    s.add(new String[] {"python", "CWE-000", "def mean(values):\n    total = sum(values)\n    return total / len(values)\n"});
    s.add(new String[] {"c", "CWE-120", "#include <string.h>\n\nvoid copy(char *dst, const char *src) {\n    strcpy(dst, src);\n}\n"});
    s.add(new String[] {"c", "CWE-000", "int clamp(int v, int lo, int hi) {\n    return v < lo ? lo : v > hi ? hi : v;\n}\n"});
    s.add(new String[] {"cpp", "CWE-676", "#include <cstdio>\n\nvoid greet(char *name) {\n    char buf[16];\n    sprintf(buf, \"hi %s\", name);\n    puts(buf);\n}\n"});
    s.add(new String[] {"java", "CWE-328", "import java.security.MessageDigest;\n\nclass H {\n  byte[] h(byte[] b) throws Exception {\n    return MessageDigest.getInstance(\"MD5\").digest(b);\n  }\n}\n"});
    s.add(new String[] {"java", "CWE-000", "class Sum {\n  static int sum(int[] xs) {\n    int s = 0;\n    for (int x : xs) s += x;\n    return s;\n  }\n}\n"});
    s.add(new String[] {"javascript", "CWE-95", "function run(userInput) {\n  const r = eval(userInput);\n  return r;\n}\n"});
    s.add(new String[] {"javascript", "CWE-000", "function add(a, b) {\n  return a + b;\n}\nmodule.exports = { add };\n"});
    s.add(new String[] {"php", "CWE-89", "<?php\n$id = $_GET['id'];\n$r = mysql_query(\"SELECT * FROM users WHERE id = \" . $id);\n"});
    s.add(new String[] {"rust", "CWE-000", "fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n"});
    s.add(new String[] {"csharp", "CWE-327", "using System.Security.Cryptography;\nclass C {\n  byte[] H(byte[] d) { return MD5.Create().ComputeHash(d); }\n}\n"});
    return s;
  }

  static Path write(Path file, ArrayNode records) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    JSON.writeValue(file.toFile(), records);
    return file;
  }
}
