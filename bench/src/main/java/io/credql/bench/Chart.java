package io.credql.bench;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;

/** Draws the fan-out sweep as an SVG bar chart: credql's wall time per concurrency, the ideal as marks. */
final class Chart {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 360;
  private static final int LEFT = 70;
  private static final int BOTTOM = 50;
  private static final int TOP = 40;

  private Chart() {
  }

  static String svg(String title, Map<Integer, Double> credql, Map<Integer, Double> ideal,
      int baselineConcurrency, double shellMillis) {
    double max = shellMillis;
    for (double v : credql.values()) {
      max = Math.max(max, v);
    }
    for (double v : ideal.values()) {
      max = Math.max(max, v);
    }
    max = Math.ceil(max / 1000.0) * 1000;
    final int plotHeight = HEIGHT - TOP - BOTTOM;
    final int plotWidth = WIDTH - LEFT - 20;
    final int slot = plotWidth / Math.max(1, credql.size());
    final StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\">%s</text>%n", LEFT, title));
    for (int tick = 0; tick <= 4; tick++) {
      final double value = max * tick / 4;
      final double y = TOP + plotHeight - plotHeight * tick / 4.0;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n"
          + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f ms</text>%n",
          LEFT, y, WIDTH - 20, y, LEFT - 6, y + 4, value));
    }
    int i = 0;
    for (Map.Entry<Integer, Double> entry : credql.entrySet()) {
      final double x = LEFT + i * slot + slot * 0.2;
      final double barWidth = slot * 0.6;
      final double h = plotHeight * entry.getValue() / max;
      final double best = requireNonNull(ideal.get(entry.getKey()), "ideal has credql's keys");
      final double idealY = TOP + plotHeight - plotHeight * best / max;
      svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
          + "fill=\"#4c78a8\"/>%n", x, TOP + plotHeight - h, barWidth, h));
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
          + "stroke=\"#e45756\" stroke-width=\"3\"/>%n", x - 4, idealY, x + barWidth + 4, idealY));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
          x + barWidth / 2, HEIGHT - BOTTOM + 18, entry.getKey()));
      if (entry.getKey() == baselineConcurrency && shellMillis > 0) {
        final double shellY = TOP + plotHeight - plotHeight * shellMillis / max;
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#f58518\"/>%n",
            x + barWidth / 2, shellY));
      }
      i++;
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">concurrency</text>%n",
        LEFT + plotWidth / 2, HEIGHT - 12));
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"28\" width=\"10\" height=\"10\" fill=\"#4c78a8\"/>"
        + "<text x=\"%d\" y=\"37\">credql (median)</text>%n", WIDTH - 300, WIDTH - 285));
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"31\" width=\"12\" height=\"3\" fill=\"#e45756\"/>"
        + "<text x=\"%d\" y=\"37\">ideal</text>%n", WIDTH - 190, WIDTH - 174));
    if (shellMillis > 0) {
      svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"33\" r=\"5\" fill=\"#f58518\"/>"
          + "<text x=\"%d\" y=\"37\">xargs -P curl</text>%n", WIDTH - 125, WIDTH - 115));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }
}
