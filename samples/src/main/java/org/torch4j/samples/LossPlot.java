package org.torch4j.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The runner's {@code --plot}: a PNG of a step's loss curve, read back from the lines the step
 * printed (so the samples need no plotting code): {@code epoch N ... train_loss X ... test_loss Y} (a bare {@code loss} counts as {@code train_loss})
 * lines give one series per {@code *_loss} word against the epoch; the tutorial steps'
 * {@code t loss} lines give one series against the iteration.
 */
final class LossPlot {
    private LossPlot() {
    }

    /** The loss series in {@code lines}, by name, each as {x[], y[]}; empty when none. */
    static Map<String, double[][]> series(List<String> lines) {
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        for (String line : lines) {
            String[] w = line.strip().split("\\s+");
            if (w.length >= 3 && w[0].equals("epoch") && isNumber(w[1])) {
                double epoch = Double.parseDouble(w[1]);
                for (int i = 2; i + 1 < w.length; i++) {
                    if ((w[i].endsWith("_loss") || w[i].equals("loss")) && isNumber(w[i + 1])) {
                        // a bare "loss" in an epoch line is the training loss (step 11)
                        points.computeIfAbsent(w[i].equals("loss") ? "train_loss" : w[i], k -> new ArrayList<>()).add(new double[] {epoch, Double.parseDouble(w[i + 1])});
                    }
                }
            } else if (w.length == 2 && w[0].matches("\\d+") && isNumber(w[1])) {
                points.computeIfAbsent("loss", k -> new ArrayList<>()).add(new double[] {Double.parseDouble(w[0]), Double.parseDouble(w[1])});
            }
        }
        Map<String, double[][]> out = new LinkedHashMap<>();
        points.forEach((name, pts) -> {
            double[][] xy = new double[2][pts.size()];
            for (int i = 0; i < pts.size(); i++) {
                xy[0][i] = pts.get(i)[0];
                xy[1][i] = pts.get(i)[1];
            }
            out.put(name, xy);
        });
        return out;
    }

    /**
     * Writes {@code dir/step<N>_seed<S>_loss.png} for the lines {@code s} printed; returns its
     * path, or empty when the lines hold no loss values.
     */
    static Optional<Path> write(Sample s, long seed, List<String> lines, Path dir) {
        Map<String, double[][]> series = series(lines);
        if (series.isEmpty()) {
            return Optional.empty();
        }
        boolean epochs = !series.containsKey("loss");
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title("step " + s.step() + ": " + s.upstream() + ", seed " + seed)
                .xAxisTitle(epochs ? "epoch" : "iteration").yAxisTitle("loss").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        // the tutorial's losses fall over orders of magnitude
        chart.getStyler().setYAxisLogarithmic(!epochs && series.values().stream().allMatch(xy -> positive(xy[1])));
        series.forEach((name, xy) -> chart.addSeries(name, xy[0], xy[1]));
        try {
            Files.createDirectories(dir);
            Path png = dir.resolve("step" + s.step() + "_seed" + seed + "_loss.png");
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
            return Optional.of(png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the loss plot of step " + s.step() + " in " + dir, e);
        }
    }

    private static boolean positive(double[] ys) {
        for (double y : ys) {
            if (!(y > 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumber(String w) {
        return Parity.number(w) != null;
    }
}
