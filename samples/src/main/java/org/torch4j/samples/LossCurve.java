package org.torch4j.samples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * The runner's {@code --plot}: a sample hands its per-epoch losses to {@link #write}, which, when
 * plotting was asked for, draws them with XChart into {@code <name>.png} in the plot directory
 * (the working directory unless {@code --plot DIR} names one) and says so on stderr (stdout holds
 * the lines compared with the recordings). Without {@code --plot} it does nothing.
 */
public final class LossCurve {
    private static volatile Path dir;

    private LossCurve() {
    }

    /** Turns plotting on, writing into {@code directory} (null turns it off again). */
    public static void enable(Path directory) {
        dir = directory;
    }

    /** Whether {@code --plot} was given. */
    public static boolean enabled() {
        return dir != null;
    }

    /** One line per series over epochs 1..n; returns the PNG written, or null when plotting is off. */
    public static Path write(String name, String title, List<String> seriesNames, List<List<Double>> series) {
        Path d = dir;
        if (d == null) {
            return null;
        }
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("epoch").yAxisTitle("loss").build();
        for (int i = 0; i < series.size(); i++) {
            List<Double> ys = series.get(i);
            chart.addSeries(seriesNames.get(i), IntStream.rangeClosed(1, ys.size()).asDoubleStream().toArray(),
                    ys.stream().mapToDouble(Double::doubleValue).toArray());
        }
        Path png = d.resolve(name + ".png");
        try {
            java.nio.file.Files.createDirectories(d);
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("--plot: cannot write " + png, e);
        }
        System.err.println("loss curve written to " + png.toAbsolutePath());
        return png;
    }
}
