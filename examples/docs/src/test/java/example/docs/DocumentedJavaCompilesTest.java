package example.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ```java block in README.md and docs/ compiles against Bulwark's modules and the libraries the docs show
 * (this module's test class path), one dynamic test per block; a broken block fails with its file and line. Blocks
 * that are whole classes are also run by the tests of the module they come from (QuickStartTest, ExampleTest, ...).
 */
class DocumentedJavaCompilesTest {
  static final Path ROOT = Path.of("..", "..");

  @TempDir Path classes;

  @TestFactory
  Stream<DynamicTest> everyJavaBlockCompiles() throws IOException {
    List<JavaBlock> blocks = documentedBlocks();
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      SnippetSource source = SnippetSource.of(blocks.get(i), i);
      tests.add(DynamicTest.dynamicTest(source.block().location(), () -> assertCompiles(source)));
    }
    return tests.stream();
  }

  @Test
  void theReadmeAndTheIntegrationDocsHaveJavaBlocks() throws IOException {
    assertThat(documentedBlocks()).extracting(b -> b.file().getFileName().toString())
        .contains("README.md", "INTEGRATIONS.md", "HTTP-API.md");
  }

  @Test
  void aBrokenBlockIsReportedAtItsMarkdownLine() throws IOException {
    String markdown = "# Doc\n\n<!-- compile with:\nimport dev.bulwark.core.Firewall;\n-->\n```java\n"
        + "Firewall f = Firewall.builder().build();\nf.noSuchMethod();\n```\n";
    SnippetSource source = SnippetSource.of(JavaBlock.in(Path.of("docs", "X.md"), markdown).get(0), 0);
    assertThat(compile(source)).singleElement().asString().startsWith(Path.of("docs", "X.md") + ":8: ")
        .contains("noSuchMethod");
  }

  private static List<JavaBlock> documentedBlocks() throws IOException {
    List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    List<JavaBlock> blocks = new ArrayList<>();
    for (Path file : files) {
      blocks.addAll(JavaBlock.in(ROOT.relativize(file).normalize(), Files.readString(file)));
    }
    return blocks;
  }

  private void assertCompiles(SnippetSource source) throws IOException {
    List<String> errors = compile(source);
    assertThat(errors).as("the block at %s does not compile:%n%s%n--- as compiled ---%n%s",
        source.block().location(), String.join("\n", errors), source.text()).isEmpty();
  }

  /** javac's errors, each as "file.md:line: message". */
  private List<String> compile(SnippetSource source) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path out = Files.createTempDirectory(classes, source.className());
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      JavaFileObject unit = new SimpleJavaFileObject(
          URI.create("string:///" + source.className() + ".java"), JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return source.text();
        }
      };
      List<String> options = List.of("--release", "17", "-proc:none", "-classpath", testClassPath(),
          "-d", out.toString());
      javac.getTask(new StringWriter(), files, diagnostics, options, null, List.of(unit)).call();
    }
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.add(source.locate(d.getLineNumber()) + ": " + d.getMessage(Locale.ROOT));
      }
    }
    return errors;
  }

  /** Surefire names the whole test class path here; java.class.path may be its one-jar manifest. */
  private static String testClassPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }
}
