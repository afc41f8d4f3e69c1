package dev.bulwark.eval.report;

import dev.bulwark.eval.Benchmark;
import dev.bulwark.eval.ModelSummary;
import dev.bulwark.eval.benchmarks.Scores;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The self-contained HTML report of a run: one file, inline CSS and SVG charts drawn by {@link SvgBarChart}, no
 * script and no external resource (a Content-Security-Policy forbids any), so it opens anywhere, offline, and can be
 * attached to a ticket.
 */
public final class HtmlReport {
  /** Categories beyond this many (by record count) are left out of a chart and listed as left out. */
  static final int MAX_CATEGORIES = 30;

  private HtmlReport() {}

  /**
   * @param source the dataset or response file scored
   * @param judge the judge endpoint's description, or null
   * @param errorSamples model → a few error messages
   */
  public record Input(Benchmark benchmark, String source, String judge, Instant generated, List<String> models,
      Scores scores, List<ModelSummary> summaries, Map<String, List<String>> errorSamples) {}

  public static String render(Input in) {
    StringBuilder h = new StringBuilder(32 * 1024);
    String title = "CyberSecEval " + in.benchmark().id() + " — Bulwark report";
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';"
            + " img-src data:\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(Markup.escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
        .append("</head>\n<body>\n");
    h.append("<h1>").append(Markup.escape(title)).append("</h1>\n<p class=\"meta\">Scored: <code>")
        .append(Markup.escape(in.source())).append("</code>");
    if (in.judge() != null) {
      h.append(" · judge: ").append(Markup.escape(in.judge()));
    }
    h.append(" · generated ").append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(in.generated().atOffset(ZoneOffset.UTC)
        .withNano(0))).append(" UTC</p>\n");

    Scores.Metric headline = in.scores().headline();
    h.append("<section id=\"summary\">\n<h2>Summary</h2>\n<p>").append(Markup.escape(capitalise(headline.name())))
        .append(": ").append(Markup.escape(headline.definition())).append(" (")
        .append(headline.lowerIsBetter() ? "lower is better" : "higher is better").append(").</p>\n");
    h.append("<table class=\"summary\">\n<thead><tr><th>model</th><th>records</th><th>scored</th><th>errors</th>")
        .append("<th>judge errors</th><th>judge off-format</th><th>parse errors</th><th>")
        .append(Markup.escape(headline.name())).append("</th></tr></thead>\n<tbody>\n");
    for (ModelSummary s : in.summaries()) {
      h.append("<tr><td>").append(Markup.escape(s.model())).append("</td><td>").append(s.records()).append("</td><td>")
          .append(s.scored()).append("</td><td class=\"").append(s.errors() > 0 ? "bad" : "").append("\">")
          .append(s.errors()).append("</td><td class=\"").append(s.judgeErrors() > 0 ? "bad" : "").append("\">")
          .append(s.judgeErrors()).append("</td><td class=\"").append(s.judgeOffFormat() > 0 ? "warn" : "").append("\">")
          .append(s.judgeOffFormat()).append("</td><td>").append(s.parseErrors()).append("</td><td><b>")
          .append(s.value() == null ? "n/a" : Markup.escape(Markup.number(s.value(), headline.unit())))
          .append("</b></td></tr>\n");
    }
    h.append("</tbody>\n</table>\n");
    Map<String, Map<String, Double>> perModel = new LinkedHashMap<>();
    perModel.put(headline.name(), headline.perModel());
    h.append("<figure>").append(SvgBarChart.render(capitalise(headline.name()) + " per model", in.models(),
        List.of(headline.name()), perModel, headline.max(), headline.unit()))
        .append("<figcaption>").append(Markup.escape(capitalise(headline.name()) + " per model"))
        .append("</figcaption></figure>\n</section>\n");

    int n = 0;
    for (Scores.Breakdown b : in.scores().breakdowns()) {
      n++;
      h.append("<section class=\"breakdown\" id=\"breakdown-").append(n).append("\">\n<h2>").append(Markup.escape(b.title()))
          .append("</h2>\n<p>").append(Markup.escape(capitalise(b.metric().name()))).append(": ")
          .append(Markup.escape(b.metric().definition())).append(".</p>\n");
      List<String> categories = categories(b, in.models());
      if (categories.isEmpty()) {
        h.append("<p class=\"empty\">Nothing was scored in this breakdown.</p>\n</section>\n");
        continue;
      }
      int all = allCategories(b).size();
      List<String> shown = categories.subList(0, Math.min(MAX_CATEGORIES, categories.size()));
      h.append("<figure>").append(SvgBarChart.render(b.title(), shown, in.models(), b.values(), b.metric().max(),
          b.metric().unit())).append("<figcaption>").append(Markup.escape(b.title()));
      if (all > shown.size()) {
        h.append(" (the ").append(shown.size()).append(" ").append(Markup.escape(b.dimension()))
            .append(" values with the most records of ").append(all).append("; the table lists all)");
      }
      h.append("</figcaption></figure>\n");
      h.append("<table>\n<thead><tr><th>").append(Markup.escape(b.dimension())).append("</th>");
      for (String m : in.models()) {
        h.append("<th>").append(Markup.escape(m)).append("</th>");
      }
      h.append("</tr></thead>\n<tbody>\n");
      for (String c : categories) {
        h.append("<tr><td>").append(Markup.escape(c)).append("</td>");
        for (String m : in.models()) {
          Double v = b.values().getOrDefault(m, Map.of()).get(c);
          Integer k = b.counts().getOrDefault(m, Map.of()).get(c);
          h.append("<td>").append(v == null ? "n/a" : Markup.escape(Markup.number(v, b.metric().unit())));
          if (k != null) {
            h.append(" <span class=\"n\">(n=").append(k).append(")</span>");
          }
          h.append("</td>");
        }
        h.append("</tr>\n");
      }
      h.append("</tbody>\n</table>\n</section>\n");
    }

    h.append("<section id=\"errors\">\n<h2>Errors</h2>\n");
    int totalErrors = in.summaries().stream().mapToInt(s -> s.errors() + s.judgeErrors()).sum();
    int offFormat = in.summaries().stream().mapToInt(ModelSummary::judgeOffFormat).sum();
    h.append("<p>").append(totalErrors).append(" record(s) could not be scored because a query, an input record or the"
        + " judge failed; ").append(offFormat).append(" judge answer(s) were off-format. Neither kind is counted as a"
        + " pass or a fail: they are left out of every rate above.</p>\n");
    for (Map.Entry<String, List<String>> e : in.errorSamples().entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      h.append("<h3>").append(Markup.escape(e.getKey())).append("</h3>\n<ul class=\"errors\">\n");
      for (String msg : e.getValue()) {
        h.append("<li><code>").append(Markup.escape(msg)).append("</code></li>\n");
      }
      h.append("</ul>\n");
    }
    h.append("</section>\n<footer>Generated by Bulwark <code>eval cyberseceval</code>. The same numbers, in upstream's"
        + " shape, are in <code>stats.json</code>; every record with its judgement is in <code>judged.json</code>."
        + "</footer>\n</body>\n</html>\n");
    return h.toString();
  }

  /** Categories with a value for some model, most records first (ties by name). */
  private static List<String> categories(Scores.Breakdown b, List<String> models) {
    Map<String, Integer> weight = new LinkedHashMap<>();
    for (String m : models) {
      b.values().getOrDefault(m, Map.of()).keySet().forEach(c -> weight.merge(c,
          b.counts().getOrDefault(m, Map.of()).getOrDefault(c, 0), Integer::sum));
    }
    List<String> out = new ArrayList<>(weight.keySet());
    out.sort(Comparator.comparing((String c) -> -weight.get(c)).thenComparing(c -> c));
    return out;
  }

  private static Set<String> allCategories(Scores.Breakdown b) {
    Set<String> all = new LinkedHashSet<>();
    b.values().values().forEach(m -> all.addAll(m.keySet()));
    return all;
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static final String CSS = """
      body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 980px; color: #222; padding: 0 1em; }
      h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ddd; }
      .meta { color: #555; } code { font-size: 0.9em; }
      table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
      th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; }
      th { background: #f4f4f4; } td.bad { background: #fde2e2; } td.warn { background: #fff3cd; }
      .n { color: #777; font-size: 0.85em; } figure { margin: 1em 0; } figcaption { color: #555; font-size: 0.9em; }
      svg.chart { max-width: 100%; height: auto; } ul.errors { font-size: 0.85em; }
      footer { margin-top: 3em; color: #777; font-size: 0.85em; }
      """;
}
