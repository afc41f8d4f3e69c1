package dev.bulwark.eval.report;

import java.util.List;
import java.util.Map;

/**
 * A horizontal grouped bar chart as inline SVG, drawn here from the numbers (no script, no external resource): one
 * group of bars per category, one bar per model, a legend, a value axis with grid lines, and the value at the end of
 * each bar. Missing values are labelled "n/a" rather than drawn as zero.
 */
final class SvgBarChart {
  /** Colours that stay distinct for colour-blind readers (Tableau 10). */
  static final List<String> PALETTE = List.of("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
      "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac");

  private static final int WIDTH = 820;
  private static final int LABEL_WIDTH = 230;
  private static final int VALUE_ROOM = 70;
  private static final int BAR = 14;
  private static final int BAR_GAP = 3;
  private static final int GROUP_GAP = 12;
  private static final int LEGEND_ROW = 20;
  private static final int AXIS = 26;

  private SvgBarChart() {}

  /**
   * @param title the chart's accessible title
   * @param categories the groups, top to bottom
   * @param models the bars of each group, in legend order
   * @param values model → category → value
   * @param max the axis maximum (values above it widen the axis)
   * @param unit appended to value labels ("%" or "")
   */
  static String render(String title, List<String> categories, List<String> models,
      Map<String, Map<String, Double>> values, double max, String unit) {
    double top = max;
    for (Map<String, Double> m : values.values()) {
      for (double v : m.values()) {
        top = Math.max(top, v);
      }
    }
    if (top <= 0) {
      top = 1;
    }
    int legendRows = (models.size() + 3) / 4;
    int legendHeight = legendRows * LEGEND_ROW + 6;
    int groupHeight = models.size() * (BAR + BAR_GAP) - BAR_GAP + GROUP_GAP;
    int plotTop = legendHeight;
    int plotHeight = Math.max(groupHeight * categories.size(), groupHeight);
    int height = plotTop + plotHeight + AXIS;
    double plotWidth = WIDTH - LABEL_WIDTH - VALUE_ROOM;

    StringBuilder svg = new StringBuilder(4096);
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"").append(WIDTH)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" font-family=\"system-ui, sans-serif\" font-size=\"12\">");
    svg.append("<title>").append(Markup.escape(title)).append("</title>");
    for (int i = 0; i < models.size(); i++) {
      int x = LABEL_WIDTH + (i % 4) * 140;
      int y = (i / 4) * LEGEND_ROW + 4;
      svg.append("<rect class=\"legend\" x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"12\" height=\"12\" fill=\"")
          .append(color(i)).append("\"/>");
      svg.append("<text x=\"").append(x + 16).append("\" y=\"").append(y + 10).append("\">")
          .append(Markup.escape(shorten(models.get(i), 20))).append("</text>");
    }
    for (int t = 0; t <= 4; t++) {
      double x = LABEL_WIDTH + plotWidth * t / 4;
      svg.append("<line x1=\"").append(Markup.px(x)).append("\" y1=\"").append(plotTop).append("\" x2=\"").append(Markup.px(x))
          .append("\" y2=\"").append(plotTop + plotHeight).append("\" stroke=\"#ddd\"/>");
      svg.append("<text x=\"").append(Markup.px(x)).append("\" y=\"").append(plotTop + plotHeight + 16)
          .append("\" text-anchor=\"middle\" fill=\"#555\">").append(Markup.escape(Markup.number(top * t / 4, unit)))
          .append("</text>");
    }
    for (int c = 0; c < categories.size(); c++) {
      String category = categories.get(c);
      int groupTop = plotTop + c * groupHeight + GROUP_GAP / 2;
      int groupMiddle = groupTop + (groupHeight - GROUP_GAP) / 2;
      svg.append("<text x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(groupMiddle + 4)
          .append("\" text-anchor=\"end\">").append(Markup.escape(shorten(category, 34))).append("<title>")
          .append(Markup.escape(category)).append("</title></text>");
      for (int m = 0; m < models.size(); m++) {
        String model = models.get(m);
        int y = groupTop + m * (BAR + BAR_GAP);
        Double v = values.getOrDefault(model, Map.of()).get(category);
        if (v == null) {
          svg.append("<text x=\"").append(LABEL_WIDTH + 4).append("\" y=\"").append(y + BAR - 3)
              .append("\" fill=\"#888\">n/a</text>");
          continue;
        }
        double w = Math.max(v > 0 ? 1 : 0, plotWidth * v / top);
        svg.append("<rect class=\"bar\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"")
            .append(Markup.px(w)).append("\" height=\"").append(BAR).append("\" fill=\"").append(color(m)).append("\">")
            .append("<title>").append(Markup.escape(model + " · " + category + ": " + Markup.number(v, unit)))
            .append("</title></rect>");
        svg.append("<text class=\"value\" x=\"").append(Markup.px(LABEL_WIDTH + w + 4)).append("\" y=\"").append(y + BAR - 3)
            .append("\">").append(Markup.escape(Markup.number(v, unit))).append("</text>");
      }
    }
    svg.append("</svg>");
    return svg.toString();
  }

  static String color(int i) {
    return PALETTE.get(i % PALETTE.size());
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
