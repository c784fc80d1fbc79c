package org.torch4j.perf.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * A grouped bar chart for the report: categories on x, one bar per series; missing values are
 * left out of their series (drawn as no bar). Written as PNG.
 */
final class Bars {
    private final String title;
    private final String yTitle;
    private final boolean logY;
    private final List<String> categories = new ArrayList<>();
    private final Map<String, Map<String, Double>> series = new LinkedHashMap<>();

    Bars(String title, String yTitle, boolean logY) {
        this.title = title;
        this.yTitle = yTitle;
        this.logY = logY;
    }

    /** Adds one value (ignored unless finite and, on a log axis, positive). */
    Bars put(String category, String seriesName, double value) {
        if (!categories.contains(category)) {
            categories.add(category);
        }
        Map<String, Double> s = series.computeIfAbsent(seriesName, k -> new LinkedHashMap<>());
        if (Double.isFinite(value) && (!logY || value > 0)) {
            s.put(category, value);
        }
        return this;
    }

    /** Writes {@code file} under {@code dir} and returns the Markdown image line, or "" when there is nothing to draw. */
    String save(Path dir, String file) throws IOException {
        if (series.values().stream().allMatch(Map::isEmpty)) {
            return "";
        }
        CategoryChart chart = new CategoryChartBuilder().width(860).height(480).title(title).yAxisTitle(yTitle).build();
        Styler st = chart.getStyler();
        st.setChartBackgroundColor(java.awt.Color.WHITE);
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setAntiAlias(true);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setOverlapped(false);
        for (Map.Entry<String, Map<String, Double>> e : series.entrySet()) {
            // every series on every category (XChart lines bars up by position); a missing value is a null: no bar
            List<Number> ys = new ArrayList<>();
            for (String c : categories) {
                ys.add(e.getValue().get(c));
            }
            if (!e.getValue().isEmpty()) {
                chart.addSeries(e.getKey(), categories, ys);
            }
        }
        BitmapEncoder.saveBitmap(chart, dir.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
        return "![" + title + "](" + file + ")\n\n";
    }
}
