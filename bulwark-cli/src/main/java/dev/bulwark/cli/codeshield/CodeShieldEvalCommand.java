package dev.bulwark.cli.codeshield;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.cli.CliException;
import dev.bulwark.cli.UsageException;
import dev.bulwark.codeshield.CodeShield;
import dev.bulwark.codeshield.EvaluationReport;
import dev.bulwark.codeshield.InsecureCodeEvaluation;
import dev.bulwark.codeshield.LabelledRecord;
import dev.bulwark.codeshield.Tally;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bulwark eval code-shield --input FILE}: Code Shield's recall and precision on the insecure-code ground truth
 * (the JSONL format of {@code shared/datasets/insecure-code/README.md}), overall, per language and per CWE.
 */
@Command(name = "code-shield", mixinStandardHelpOptions = true,
    description = {"Score Code Shield on labelled insecure-code JSONL (id, language, code, expected_insecure, findings, ...).",
        "Prints snippet recall, finding recall at ±2 / ±0 lines (any CWE, same CWE), line-level P/R and the",
        "pass rate on negatives, per language and per CWE."})
public final class CodeShieldEvalCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, paramLabel = "FILE.jsonl", description = "Labelled records, one JSON object per line.")
  Path input;

  @Option(names = "--json", description = "Print the report as one JSON object instead of tables.")
  boolean json;

  @Option(names = "--misses", paramLabel = "FILE", description = "Write the ids of missed positives and flagged negatives to FILE.")
  Path misses;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(input)) {
      throw new UsageException("--input: no such file: " + input);
    }
    CodeShield shield = CodeShield.create();
    InsecureCodeEvaluation eval = new InsecureCodeEvaluation(shield);
    ObjectMapper mapper = new ObjectMapper();
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE);
    try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(input), decoder))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode node = mapper.readTree(line);
          eval.add(LabelledRecord.fromJson(node));
        } catch (IOException | IllegalArgumentException e) {
          eval.skip("line " + number + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
      }
    } catch (NoSuchFileException e) {
      throw new CliException("input file not found: " + input);
    }
    EvaluationReport report = eval.report();
    if (report.records() == 0) {
      throw new CliException("no records could be read from " + input + (report.skipped().isEmpty() ? "" : ": " + report.skipped().get(0)));
    }
    if (misses != null) {
      Files.write(misses, report.misses(), StandardCharsets.UTF_8);
    }
    PrintStream out = System.out;
    if (json) {
      out.println(toJson(report));
    } else {
      out.print(toText(report));
    }
    for (String s : report.skipped()) {
      System.err.println("skipped " + s);
    }
    return 0;
  }

  static String toText(EvaluationReport r) {
    StringWriter sw = new StringWriter();
    PrintWriter w = new PrintWriter(sw);
    w.printf(Locale.ROOT, "Code Shield on %d records%n%n", r.records());
    w.println("Snippet level (granularity: snippet) and finding recall (labelled findings of positive snippets)");
    String header = String.format(Locale.ROOT, "%-12s %5s %5s %8s %8s %8s %7s %7s %7s %7s %8s", "language", "pos", "neg",
        "recall", "neg-pass", "cwe-agr", "F±2any", "F±2cwe", "F±0any", "F±0cwe", "findings");
    w.println(header);
    w.println("-".repeat(header.length()));
    for (Map.Entry<String, Tally> e : new java.util.TreeMap<>(r.byLanguage()).entrySet()) {
      snippetRow(w, e.getKey(), e.getValue());
    }
    w.println("-".repeat(header.length()));
    snippetRow(w, "overall", r.overall());
    w.println();
    w.println("Line level (granularity: line; rule-scoped test lines)");
    String lh = String.format(Locale.ROOT, "%-12s %5s %5s %8s %9s %8s", "language", "pos", "neg", "recall", "precision", "neg-pass");
    w.println(lh);
    w.println("-".repeat(lh.length()));
    for (Map.Entry<String, Tally> e : new java.util.TreeMap<>(r.byLanguage()).entrySet()) {
      Tally t = e.getValue();
      if (t.lineTp + t.lineFn + t.lineFp + t.lineTn > 0) {
        lineRow(w, e.getKey(), t);
      }
    }
    w.println("-".repeat(lh.length()));
    lineRow(w, "overall", r.overall());
    w.println();
    w.println("Per labelled CWE (positive snippets)");
    String ch = String.format(Locale.ROOT, "%-10s %5s %8s %8s %8s %8s", "cwe", "snip", "recall", "cwe-agr", "F±2any", "F±2cwe");
    w.println(ch);
    w.println("-".repeat(ch.length()));
    r.byCwe().entrySet().stream()
        .sorted((a, b) -> Integer.compare(b.getValue().findings, a.getValue().findings))
        .forEach(e -> {
          Tally t = e.getValue();
          w.printf(Locale.ROOT, "%-10s %5d %8s %8s %8s %8s%n", e.getKey(), t.positives(), fmt(t.snippetRecall()),
              fmt(t.cweAgreement()), fmt(Tally.ratio(t.found2Any, t.findings)), fmt(Tally.ratio(t.found2Same, t.findings)));
        });
    if (!r.skipped().isEmpty()) {
      w.printf(Locale.ROOT, "%n%d records skipped (see stderr)%n", r.skipped().size());
    }
    w.flush();
    return sw.toString();
  }

  private static void snippetRow(PrintWriter w, String name, Tally t) {
    w.printf(Locale.ROOT, "%-12s %5d %5d %8s %8s %8s %7s %7s %7s %7s %8d%n", name, t.positives(), t.negatives(),
        fmt(t.snippetRecall()), fmt(t.negativesPassed()), fmt(t.cweAgreement()), fmt(Tally.ratio(t.found2Any, t.findings)),
        fmt(Tally.ratio(t.found2Same, t.findings)), fmt(Tally.ratio(t.found0Any, t.findings)),
        fmt(Tally.ratio(t.found0Same, t.findings)), t.findings);
  }

  private static void lineRow(PrintWriter w, String name, Tally t) {
    w.printf(Locale.ROOT, "%-12s %5d %5d %8s %9s %8s%n", name, t.lineTp + t.lineFn, t.lineTn + t.lineFp,
        fmt(t.lineRecall()), fmt(t.linePrecision()), fmt(t.lineNegativesPassed()));
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
  }

  static String toJson(EvaluationReport r) throws IOException {
    StringWriter sw = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(sw)) {
      g.writeStartObject();
      g.writeNumberField("records", r.records());
      g.writeFieldName("overall");
      tally(g, r.overall());
      g.writeObjectFieldStart("by_language");
      for (Map.Entry<String, Tally> e : new java.util.TreeMap<>(r.byLanguage()).entrySet()) {
        g.writeFieldName(e.getKey());
        tally(g, e.getValue());
      }
      g.writeEndObject();
      g.writeObjectFieldStart("by_cwe");
      for (Map.Entry<String, Tally> e : new java.util.TreeMap<>(r.byCwe()).entrySet()) {
        g.writeFieldName(e.getKey());
        tally(g, e.getValue());
      }
      g.writeEndObject();
      g.writeNumberField("skipped", r.skipped().size());
      g.writeEndObject();
    }
    return sw.toString();
  }

  private static void tally(JsonGenerator g, Tally t) throws IOException {
    g.writeStartObject();
    g.writeNumberField("positives", t.positives());
    g.writeNumberField("negatives", t.negatives());
    num(g, "snippet_recall", t.snippetRecall());
    num(g, "snippet_precision", t.snippetPrecision());
    num(g, "negatives_passed", t.negativesPassed());
    num(g, "cwe_agreement", t.cweAgreement());
    g.writeNumberField("findings", t.findings);
    num(g, "finding_recall_2_any", Tally.ratio(t.found2Any, t.findings));
    num(g, "finding_recall_2_cwe", Tally.ratio(t.found2Same, t.findings));
    num(g, "finding_recall_0_any", Tally.ratio(t.found0Any, t.findings));
    num(g, "finding_recall_0_cwe", Tally.ratio(t.found0Same, t.findings));
    g.writeNumberField("line_positives", t.lineTp + t.lineFn);
    g.writeNumberField("line_negatives", t.lineTn + t.lineFp);
    num(g, "line_recall", t.lineRecall());
    num(g, "line_precision", t.linePrecision());
    num(g, "line_negatives_passed", t.lineNegativesPassed());
    g.writeEndObject();
  }

  private static void num(JsonGenerator g, String name, double v) throws IOException {
    if (Double.isNaN(v)) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, Math.round(v * 10000) / 10000.0);
    }
  }
}
